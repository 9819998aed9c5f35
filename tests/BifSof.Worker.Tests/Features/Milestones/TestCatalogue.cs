using BifSof.Worker.Data;
using BifSof.Worker.Features.Catalogue;

namespace BifSof.Worker.Tests.Features.Milestones;

/// <summary>
/// A small catalogue of the tests' own, written straight into a test database: tests of reminders and answers must
/// not depend on which milestones the real catalogue lists (it is revised against the seeds).
/// </summary>
internal static class TestCatalogue
{
    public const string SpecialUnitName = "Specialenheden BIF-SOF";
    public const string SpecialUnitEmail = "specialenheden@test.example.dk";

    /// <summary>Adds the special unit's address unless it is there.</summary>
    public static void AddSpecialUnit(BifSofDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.CatalogueAddresses.Any(a => a.Key == CatalogueAddress.SpecialUnit))
        {
            db.CatalogueAddresses.Add(new CatalogueAddress { Key = CatalogueAddress.SpecialUnit, Name = SpecialUnitName, Email = SpecialUnitEmail });
        }
    }

    /// <summary>An owner with one initiative of its own (number <paramref name="initiative"/>).</summary>
    public static void AddOwner(BifSofDbContext db, string key, string name, string email, string? escalationEmail, string initiative)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Owners.Add(new Owner { Key = key, Name = name, Email = email, EscalationEmail = escalationEmail });
        db.Initiatives.Add(new Initiative
        {
            Number = initiative,
            Part = 9,
            PartTitle = "Testområde",
            Title = $"Testinitiativ {initiative}",
            OwnerKey = key,
            SortOrder = 900,
        });
    }

    public static void AddMilestone(BifSofDbContext db, string id, string initiative, DateOnly due, string? dueText = null, MilestoneKind kind = MilestoneKind.Deadline)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Milestones.Add(new Milestone
        {
            Id = id,
            InitiativeNumber = initiative,
            Title = $"Testmilepæl {id}",
            DueDate = due,
            DueText = dueText,
            Status = MilestoneStatus.Planned,
            Kind = kind,
            Source = "test",
            SortOrder = 900,
        });
    }
}

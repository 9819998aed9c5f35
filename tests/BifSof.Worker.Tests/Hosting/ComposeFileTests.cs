using BifSof.Worker.Common;
using System.Reflection;
using BifSof.Worker.Features.Mail;
using BifSof.Worker.Hosting;
using BifSof.Worker.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace BifSof.Worker.Tests.Hosting;

/// <summary>
/// CI has no Docker engine, so docker-compose.yml is kept true by reading it: every variable it gives the
/// worker must be a setting the worker binds, and every required setting must be given.
/// </summary>
public class ComposeFileTests
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        [BifSofOptions.Section] = typeof(BifSofOptions),
        [SmtpOptions.Section] = typeof(SmtpOptions),
        [DashboardOptions.Section] = typeof(DashboardOptions),
        [BifSof.Worker.Features.Extracts.ExtractOptions.Section] = typeof(BifSof.Worker.Features.Extracts.ExtractOptions),
        [BifSof.Worker.Features.Milestones.MilestoneOptions.Section] = typeof(BifSof.Worker.Features.Milestones.MilestoneOptions),
    };

    private static readonly string[] Required = ["ConnectionStrings__BifSof", "Smtp__Host", "Smtp__From", "BifSof__PseudonymKey", "BifSof__PublicBaseUrl", "ASPNETCORE_URLS"];

    private static YamlMappingNode Services()
    {
        var yaml = new YamlStream();
        using var reader = File.OpenText(Path.Combine(Repository.Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    private static Dictionary<string, string> WorkerEnvironment() =>
        ((YamlMappingNode)((YamlMappingNode)Services()["worker"])["environment"]).Children
            .ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!, StringComparer.Ordinal);

    [Fact]
    public void Worker_GetsOnlySettingsTheWorkerBinds()
    {
        foreach (var name in WorkerEnvironment().Keys)
        {
            if (name is "ConnectionStrings__BifSof" or "ASPNETCORE_URLS" or "ASPNETCORE_ENVIRONMENT")
            {
                continue;
            }

            var parts = name.Split("__");
            Assert.True(parts.Length == 2 && Sections.ContainsKey(parts[0]), $"{name} is not in a section the worker binds");
            Assert.True(
                Sections[parts[0]].GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true },
                $"{name}: {Sections[parts[0]].Name} has no setting {parts[1]}");
        }
    }

    [Fact]
    public void Worker_GetsEveryRequiredSetting()
    {
        var environment = WorkerEnvironment();
        Assert.All(Required, name => Assert.True(environment.ContainsKey(name), $"docker-compose.yml gives the worker no {name}"));
    }

    [Fact]
    public void Worker_ReachesDatabaseAndMailByTheirServiceNames()
    {
        var environment = WorkerEnvironment();
        var services = Services().Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
        var database = new Npgsql.NpgsqlConnectionStringBuilder(environment["ConnectionStrings__BifSof"].Replace("${BIFSOF_DB_PASSWORD:-bifsof-local-only}", "x", StringComparison.Ordinal));
        Assert.Contains(database.Host, services);
        Assert.Contains(environment["Smtp__Host"], services);
    }

    [Fact]
    public void Dockerfile_PublishesTheWorkerWithTemplatesAndCatalogue()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "Dockerfile"));
        Assert.Contains("src/BifSof.Worker/BifSof.Worker.csproj", dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY templates/", dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY data/", dockerfile, StringComparison.Ordinal);
    }
}

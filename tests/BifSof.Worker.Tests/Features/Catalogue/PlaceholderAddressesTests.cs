using BifSof.Worker.Features.Catalogue;

namespace BifSof.Worker.Tests.Features.Catalogue;

public class PlaceholderAddressesTests
{
    [Theory]
    [InlineData("sof@bifsof.example.dk")]
    [InlineData("someone@example.dk")]
    [InlineData("a@example.com")]
    [InlineData("a@mail.example.net")]
    [InlineData("a@EXAMPLE.ORG")]
    [InlineData("a@kommune.example")]
    [InlineData("Specialenheden <specialenheden@bifsof.example.dk>")]
    public void IsPlaceholder_IsTrue_WhenTheDomainIsAReservedExampleDomainOrTheCataloguesPlaceholderDomain(string address) =>
        Assert.True(PlaceholderAddresses.IsPlaceholder(address));

    [Theory]
    [InlineData("groen.linie@kk.dk")]
    [InlineData("a@example.dk.kk.dk")]
    [InlineData("a@myexample.com")]
    [InlineData("a@examples.dk")]
    [InlineData(null)]
    [InlineData("")]
    public void IsPlaceholder_IsFalse_WhenTheDomainIsARealOne(string? address) =>
        Assert.False(PlaceholderAddresses.IsPlaceholder(address));
}

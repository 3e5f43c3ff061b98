using AnalysisHub.Domain.Access;
using AnalysisHub.Domain.Tests.Support;

namespace AnalysisHub.Domain.Tests.Access;

public class ScopesTests
{
    [Theory]
    [InlineData("admin")]
    [InlineData("read:partner")]
    [InlineData("manage:indicators")]
    [InlineData("ingest:crime")]
    public void A_scope_of_the_hub_has_no_problem(string scope) => Assert.Null(Scopes.Problem(scope, Reference.Catalog));

    [Theory]
    [InlineData("manage:everything")]
    [InlineData("ingest:no-such-feed")]
    [InlineData("Manage:Indicators")]
    public void Anything_else_is_refused_with_a_reason(string scope) => Assert.NotNull(Scopes.Problem(scope, Reference.Catalog));

    [Fact]
    public void Managing_indicators_is_allowed_by_its_scope_or_admin_and_nothing_else()
    {
        Assert.True(Scopes.Allows(["manage:indicators"], Scopes.ManageIndicators));
        Assert.True(Scopes.Allows(["admin"], Scopes.ManageIndicators));
        Assert.False(Scopes.Allows(["read:partner", "ingest:crime"], Scopes.ManageIndicators));
    }
}

using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Hosting;

/// <summary>
/// Validates the Hub settings when the host starts: every key in the hub's sections understood
/// (<see cref="HubConfiguration.Problems"/>), and settings that cannot work together refused.
/// </summary>
internal sealed class HubOptionsValidator(IConfiguration configuration) : IValidateOptions<HubOptions>
{
    public ValidateOptionsResult Validate(string? name, HubOptions options)
    {
        var problems = HubConfiguration.Problems(configuration).Concat(options.Problems()).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

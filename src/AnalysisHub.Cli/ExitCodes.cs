namespace AnalysisHub.Cli;

/// <summary>
/// What <c>hub</c> returns to its caller, so a scheduled job can tell a bad file from a hub that is down.
/// When several apply, the highest is returned.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Bad arguments: an unknown option, a missing path, a feed the hub does not have.</summary>
    public const int Usage = 2;
    /// <summary>The hub refused rows of the input (400): nothing of those batches was applied.</summary>
    public const int RejectedInput = 3;
    /// <summary>The hub could not be reached, or kept answering 5xx/429 after every retry.</summary>
    public const int ServerUnavailable = 4;
    /// <summary>The key is missing, refused (401) or lacks the scope or footprint needed (403).</summary>
    public const int NotAllowed = 5;
}

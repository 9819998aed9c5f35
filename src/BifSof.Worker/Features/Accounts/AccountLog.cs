using Microsoft.Extensions.Logging;

namespace BifSof.Worker.Features.Accounts;

internal static partial class AccountLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Dashboard sign-in failed for '{UserName}' from {Address} ({Scheme})")]
    public static partial void SignInFailed(ILogger logger, string userName, string address, string scheme);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Dashboard account '{UserName}' locked for {Minutes} minutes after {Failures} wrong passwords from {Address} (for that address only; 'user unlock' ends it)")]
    public static partial void LockedOut(ILogger logger, string userName, int minutes, int failures, string address);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Dashboard sign-in for '{UserName}' from {Address} refused unchecked: the account is locked for this address or the address has failed too often")]
    public static partial void SignInThrottled(ILogger logger, string userName, string address);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "Dashboard account '{UserName}' unlocked by hand; it had failures counted from {Addresses} addresses")]
    public static partial void Unlocked(ILogger logger, string userName, int addresses);
}

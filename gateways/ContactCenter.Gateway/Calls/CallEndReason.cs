using ContactCenter.Contracts.Calls;

namespace ContactCenter.Gateway.Calls;

/// <summary>Why a call ended, as the CDR records it.</summary>
public sealed record CallEndReason(CallParty By, int Q850Cause, string Text)
{
    public static CallEndReason CallerHungUp(int? cause) => new(CallParty.Caller, cause ?? 16, "caller hung up");
}

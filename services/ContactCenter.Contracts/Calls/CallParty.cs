namespace ContactCenter.Contracts.Calls;

/// <summary>Which side of the call acted.</summary>
public enum CallParty
{
    Caller,
    Gateway,
    Supervisor,
}

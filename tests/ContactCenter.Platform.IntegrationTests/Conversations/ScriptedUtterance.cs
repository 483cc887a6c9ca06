namespace ContactCenter.Platform.IntegrationTests.Conversations;

/// <summary>One thing the scripted caller says, and when, measured from the call's answer.</summary>
public sealed record ScriptedUtterance(string Text, TimeSpan At, TimeSpan Duration)
{
    public TimeSpan End => At + Duration;
}

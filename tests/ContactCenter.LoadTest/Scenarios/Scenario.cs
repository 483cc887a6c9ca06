namespace ContactCenter.LoadTest.Scenarios;

/// <summary>
/// One recorded call to replay: the caller's side as audio, and the timeline that says what each stretch of it is
/// meant to be (a request, an interruption, a backchannel...) and when to play it. Loaded by <see cref="ScenarioLoader"/>.
/// </summary>
public sealed record Scenario
{
    /// <summary>The timeline file, as given to the loader.</summary>
    public required string Source { get; init; }

    public required string Name { get; init; }

    /// <summary>The caller's audio, resolved against the timeline file's folder.</summary>
    public required string AudioPath { get; init; }

    /// <summary>8000 or 16000.</summary>
    public required int AudioSampleRate { get; init; }

    public required TimeSpan AudioDuration { get; init; }

    /// <summary>How long the caller waits for the bot to answer before counting the turn unanswered.</summary>
    public required TimeSpan WaitForBot { get; init; }

    /// <summary>In the order they appear in the audio.</summary>
    public required IReadOnlyList<CallerUtterance> Utterances { get; init; }

    public required IReadOnlyList<CallerDtmf> Dtmf { get; init; }

    /// <summary>When the caller hangs up (call time), or null to hang up when the timeline is done.</summary>
    public TimeSpan? HangupAt { get; init; }
}

namespace ContactCenter.LoadTest.Scenarios;

/// <summary>What a caller utterance is meant as; it decides which measures apply to its turn.</summary>
public enum UtteranceKind
{
    /// <summary>A turn that asks for something: the bot should answer (response latency).</summary>
    Request,

    /// <summary>Speech over the bot meant to stop it (barge-in stop latency), then answered.</summary>
    Interruption,

    /// <summary>"mhm", "right": the bot should talk through it.</summary>
    Backchannel,

    /// <summary>Spoken digits (an account number): answered like a request.</summary>
    Digits,

    /// <summary>Background noise or breathing only: nothing should happen.</summary>
    Silence,
}

namespace ContactCenter.ModelRuntime.Floor;

/// <summary>What the floor controller asks the engine to do. Acted on in the order given.</summary>
public abstract record FloorAction;

/// <summary>Caller speech over a bargeable prompt: stop the bot's audio now and have the gateway drop what it queued.</summary>
public sealed record PauseBot(long OnsetTick) : FloorAction;

/// <summary>The speech over the prompt was a backchannel (or nothing): continue the prompt where it paused.</summary>
public sealed record ResumeBot(string Transcript) : FloorAction;

/// <summary>A real interruption (or a keypad press): abandon the prompt; what the caller heard ends at the pause.</summary>
public sealed record YieldFloor(long OnsetTick, string? Transcript, bool ByDtmf) : FloorAction;

/// <summary>Transcribe the caller's audio of ticks [FromTick, ToTick] and report it with OnTranscript(RequestId, ...).</summary>
public sealed record RequestAsr(long RequestId, long FromTick, long ToTick, AsrPurpose Purpose) : FloorAction;

/// <summary>The caller's turn is over: publish it.</summary>
public sealed record EndTurn(CallerTurn Turn) : FloorAction;

/// <summary>The answer is late: say a filler ("one moment") so there is no dead air.</summary>
public sealed record PlayFiller : FloorAction;

/// <summary>The caller is in a long turn and paused mid-thought: say "mhm" (only when the prompt enabled backchannels).</summary>
public sealed record SayBackchannel : FloorAction;

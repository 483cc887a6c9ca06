namespace ContactCenter.ModelRuntime.Engine;

/// <summary>What the engine sends the gateway on one call: bot audio and commands, in order.</summary>
public abstract record CallOutput;

/// <summary>20 ms of bot audio (160 samples at 8 kHz); a non-zero <paramref name="Mark"/> asks for a <see cref="FramePlayed"/> report.</summary>
public sealed record BotFrame(short[] Samples, uint Mark) : CallOutput;

/// <summary>Drop all queued bot audio now (barge-in). Control jumps the gateway's queue.</summary>
public sealed record ClearBotAudio : CallOutput;

/// <summary>Transfer the caller; a null target means the gateway's agent queue.</summary>
public sealed record TransferRequest(string? Target, IReadOnlyDictionary<string, string> Context) : CallOutput;

/// <summary>Hang up with a Q.850 cause.</summary>
public sealed record HangUpRequest(int Q850Cause) : CallOutput;

/// <summary>Send keypad digits to the caller's side.</summary>
public sealed record DigitsRequest(string Digits) : CallOutput;

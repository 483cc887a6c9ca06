namespace ContactCenter.ModelRuntime.Engine;

/// <summary>What the gateway sends the engine on one call (DESIGN §1): caller audio and control, in order.</summary>
public abstract record CallInput;

/// <summary>20 ms of caller audio: 160 samples at 8 kHz.</summary>
public sealed record CallerFrame(short[] Samples) : CallInput;

/// <summary>The caller pressed a key.</summary>
public sealed record CallerDigit(char Digit) : CallInput;

/// <summary>The call is over on the gateway's side; nothing follows.</summary>
public sealed record CallerLeft(int Q850Cause) : CallInput;

/// <summary>A transfer the engine asked for failed; the caller is still on the line.</summary>
public sealed record TransferFailedInput(string Target, int SipStatus) : CallInput;

/// <summary>The bot frame carrying <paramref name="Mark"/> left the gateway at <paramref name="At"/>.</summary>
public sealed record FramePlayed(uint Mark, DateTimeOffset At) : CallInput;

/// <summary>The gateway dropped <paramref name="FramesDropped"/> queued bot frames at <paramref name="At"/>, as asked.</summary>
public sealed record QueueCleared(DateTimeOffset At, int FramesDropped) : CallInput;

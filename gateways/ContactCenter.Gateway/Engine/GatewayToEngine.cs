using ContactCenter.Media.Codecs;

namespace ContactCenter.Gateway.Engine;

/// <summary>A message from the gateway to the engine on a call's stream.</summary>
public abstract record GatewayToEngine;

/// <summary>20 ms of the caller's audio (8 kHz L16), one per playout tick, concealed where packets were lost.</summary>
public sealed record CallerAudio(AudioFrame Frame) : GatewayToEngine;

/// <summary>The caller pressed a key.</summary>
public sealed record CallerDtmf(char Digit) : GatewayToEngine;

/// <summary>The caller hung up or the call ended otherwise; no more frames follow.</summary>
public sealed record CallerHungUp(int Q850Cause) : GatewayToEngine;

/// <summary>A transfer the engine asked for did not complete; the caller is still on the line.</summary>
public sealed record TransferFailed(string Target, int SipStatus) : GatewayToEngine;

/// <summary>
/// The bot frame that carried <paramref name="Mark"/> took its slot on the wire at <paramref name="At"/>:
/// the engine's record of what the caller actually heard (its echo reference and barge-in truncation).
/// </summary>
public sealed record BotAudioPlayed(uint Mark, DateTimeOffset At) : GatewayToEngine;

/// <summary>The gateway acted on <see cref="ClearQueuedAudio"/> at <paramref name="At"/>, dropping <paramref name="FramesDropped"/> unsent frames.</summary>
public sealed record QueuedAudioCleared(DateTimeOffset At, int FramesDropped) : GatewayToEngine;

using ContactCenter.Media.Codecs;

namespace ContactCenter.Gateway.Engine;

/// <summary>A message from the engine to the gateway on a call's stream.</summary>
public abstract record EngineToGateway;

/// <summary>
/// 20 ms of bot audio to queue for playout; the gateway paces it onto the wire. A non-zero
/// <paramref name="Mark"/> asks the gateway to answer with <see cref="BotAudioPlayed"/> when the frame is sent.
/// </summary>
public sealed record BotAudio(AudioFrame Frame, uint Mark = 0) : EngineToGateway;

/// <summary>
/// Drop every queued bot frame not yet sent (barge-in). Control jumps the queue:
/// it is acted on as soon as it is read, not after the audio before it. The gateway answers with
/// <see cref="QueuedAudioCleared"/>.
/// </summary>
public sealed record ClearQueuedAudio : EngineToGateway;

/// <summary>Hand the caller to a human: blind transfer (REFER). A null target means the configured agent queue.</summary>
public sealed record TransferToAgent(string? Target, IReadOnlyDictionary<string, string> Context) : EngineToGateway;

/// <summary>End the call from the platform side.</summary>
public sealed record HangUp(int Q850Cause) : EngineToGateway;

/// <summary>Send keypad digits to the caller's side as RFC 4733 telephone-events (e.g. to drive a downstream IVR).</summary>
public sealed record SendDigits(string Digits) : EngineToGateway;

namespace ContactCenter.Gateway.Engine;

/// <summary>
/// What answers a call's audio: the built-in media loop today, the full-duplex model runtime over gRPC next.
/// One bidirectional stream per call: 20 ms L16 frames plus control both ways (DESIGN §1).
/// </summary>
public interface ICallAudioEngine
{
    /// <summary>Opens the call's stream; the engine learns who called whom from <paramref name="start"/>.</summary>
    ValueTask<ICallAudioStream> OpenAsync(CallStartMetadata start, CancellationToken cancellationToken);
}

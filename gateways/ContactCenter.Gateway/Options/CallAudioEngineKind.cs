namespace ContactCenter.Gateway.Options;

/// <summary>The engine a gateway streams its calls to ("Gateway:Engine").</summary>
public enum CallAudioEngineKind
{
    /// <summary>The built-in media loop: greeting, recording, agent key. Needs no other process.</summary>
    MediaLoop,

    /// <summary>The full-duplex model runtime, one gRPC stream per call ("Gateway:ModelRuntime").</summary>
    ModelRuntime,
}

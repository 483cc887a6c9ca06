using System.Threading.Channels;

namespace ContactCenter.Gateway.Engine;

/// <summary>
/// One call's duplex stream to the engine. The gateway writes caller frames and control to
/// <see cref="ToEngine"/> and reads bot frames and commands from <see cref="FromEngine"/>.
/// Completing <see cref="ToEngine"/> tells the engine the call is over.
/// </summary>
public interface ICallAudioStream : IAsyncDisposable
{
    ChannelWriter<GatewayToEngine> ToEngine { get; }

    ChannelReader<EngineToGateway> FromEngine { get; }
}

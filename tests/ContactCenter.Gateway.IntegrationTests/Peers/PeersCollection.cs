using Xunit;

namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>
/// Every test that starts a real peer binds the same fixed loopback ports (SIP 5060-5066,
/// ctrl 4444-4446, RTP 30000-30219), so they must never overlap: put them in
/// <c>[Collection(PeersCollection.Name)]</c>.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PeersCollection
{
    public const string Name = "Peers";
}

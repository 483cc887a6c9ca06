namespace ContactCenter.ModelRuntime.Tools.Tests;

/// <summary>The tests that share one de-quantisation of the real Moonshine models (it takes seconds; do it once).</summary>
[CollectionDefinition(Name)]
public sealed class MoonshineFp32Collection : ICollectionFixture<MoonshineFp32Fixture>
{
    public const string Name = "moonshine-fp32";
}

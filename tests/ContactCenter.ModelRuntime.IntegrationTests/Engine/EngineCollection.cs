namespace ContactCenter.ModelRuntime.IntegrationTests.Engine;

/// <summary>Engine tests share one <see cref="EngineModels"/> and run one after another (the host has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineModels>
{
    public const string Name = "Engine";
}

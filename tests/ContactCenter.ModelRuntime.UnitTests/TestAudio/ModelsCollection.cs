namespace ContactCenter.ModelRuntime.UnitTests;

/// <summary>The xunit collection that shares one <see cref="ModelsFixture"/>; its classes run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ModelsCollection : ICollectionFixture<ModelsFixture>
{
    public const string Name = "Models";
}

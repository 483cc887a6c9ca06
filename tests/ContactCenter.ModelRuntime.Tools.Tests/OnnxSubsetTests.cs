using ContactCenter.ModelRuntime.Tools.Moonshine;
using ContactCenter.ModelRuntime.Tools.Onnx;
using ContactCenter.ModelRuntime.Tools.Onnx.Proto;
using Google.Protobuf;

namespace ContactCenter.ModelRuntime.Tools.Tests;

public sealed class OnnxSubsetTests
{
    [Theory]
    [InlineData(MoonshineModels.Encoder)]
    [InlineData(MoonshineModels.Decoder)]
    public void Parsing_and_writing_an_untouched_model_gives_back_the_same_bytes(string file)
    {
        byte[] original = File.ReadAllBytes(MoonshineModels.Int8(TestModels.Directory, file));

        ModelProto model = OnnxModelFile.Parse(new MemoryStream(original));

        Assert.NotEmpty(model.Graph.Node);
        Assert.Equal(original, OnnxModelFile.Serialize(model));
    }

    [Fact]
    public void Fields_the_subset_does_not_declare_survive_a_round_trip()
    {
        byte[] original = File.ReadAllBytes(MoonshineModels.Int8(TestModels.Directory, MoonshineModels.Encoder));
        // ModelProto.metadata_props (field 14, StringStringEntryProto{key = 1, value = 2}) is not in onnx_subset.proto.
        var entry = new MemoryStream();
        var entryWriter = new CodedOutputStream(entry);
        entryWriter.WriteTag(1, WireFormat.WireType.LengthDelimited);
        entryWriter.WriteString("origin");
        entryWriter.WriteTag(2, WireFormat.WireType.LengthDelimited);
        entryWriter.WriteString("moonshine-js 0.1.29");
        entryWriter.Flush();
        var extended = new MemoryStream();
        extended.Write(original);
        var writer = new CodedOutputStream(extended);
        writer.WriteTag(14, WireFormat.WireType.LengthDelimited);
        writer.WriteBytes(ByteString.CopyFrom(entry.ToArray()));
        writer.Flush();

        ModelProto model = OnnxModelFile.Parse(new MemoryStream(extended.ToArray()));
        byte[] written = OnnxModelFile.Serialize(model);

        Assert.Equal(extended.ToArray(), written);
        Assert.True(written.Length > original.Length);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_rejected()
    {
        Assert.ThrowsAny<Exception>(() => OnnxModelFile.Parse(new MemoryStream("not a model"u8.ToArray())));
    }
}

using ContactCenter.ModelRuntime.Tools.Onnx.Proto;
using Google.Protobuf;

namespace ContactCenter.ModelRuntime.Tools.Onnx;

/// <summary>Reads and writes whole ONNX model files (a serialised ModelProto, weights inline).</summary>
internal static class OnnxModelFile
{
    public static ModelProto Load(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Parse(stream);
    }

    public static ModelProto Parse(Stream stream)
    {
        // Google.Protobuf's default recursion limit (100) is far above ONNX's nesting (model, graph, If branch,
        // node, attribute); the size of a message is only bounded by int, and these models are tens of MB.
        ModelProto model = ModelProto.Parser.ParseFrom(stream);
        if (model.Graph is null)
        {
            throw new InvalidDataException("Not an ONNX model: the ModelProto has no graph.");
        }

        return model;
    }

    public static void Save(ModelProto model, string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Written next to the target and moved into place, so a reader never sees half a model.
        string temporary = path + ".tmp";
        using (FileStream stream = File.Create(temporary))
        {
            model.WriteTo(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static byte[] Serialize(ModelProto model) => model.ToByteArray();
}

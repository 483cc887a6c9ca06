using System.Runtime.InteropServices;
using ContactCenter.ModelRuntime.Tools.Onnx.Proto;
using Google.Protobuf;

namespace ContactCenter.ModelRuntime.Tools.Onnx;

/// <summary>
/// Reads and builds the values of TensorProto initializers. ONNX stores them either in raw_data (little-endian,
/// tightly packed) or in the typed repeated fields (float_data; int32_data for every integer type of 32 bits or
/// fewer), see the TensorProto comments in onnx.proto.
/// </summary>
internal static class TensorValues
{
    public static long ElementCount(TensorProto tensor)
    {
        long count = 1;
        foreach (long dim in tensor.Dims)
        {
            count *= dim;
        }

        return count;
    }

    public static float[] ReadFloats(TensorProto tensor)
    {
        RequireInline(tensor);
        if (tensor.DataType != TensorDataType.Float)
        {
            throw new InvalidDataException($"{tensor.Name}: expected a float tensor, found {TensorDataType.Name(tensor.DataType)}.");
        }

        float[] values = tensor.HasRawData
            ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray()
            : [.. tensor.FloatData];
        return CheckCount(tensor, values);
    }

    /// <summary>The values of an int8 or uint8 tensor, widened (int8 sign-extended).</summary>
    public static int[] ReadEightBit(TensorProto tensor)
    {
        RequireInline(tensor);
        int[] values = tensor.DataType switch
        {
            TensorDataType.UInt8 when tensor.HasRawData => ToInts(tensor.RawData.Span, signed: false),
            TensorDataType.Int8 when tensor.HasRawData => ToInts(tensor.RawData.Span, signed: true),
            TensorDataType.UInt8 or TensorDataType.Int8 => [.. tensor.Int32Data],
            _ => throw new InvalidDataException(
                $"{tensor.Name}: expected an int8/uint8 tensor, found {TensorDataType.Name(tensor.DataType)}."),
        };
        return CheckCount(tensor, values);
    }

    public static TensorProto CreateFloat(string name, IEnumerable<long> dims, float[] values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this writer assumes a little-endian host.");
        }

        var tensor = new TensorProto
        {
            Name = name,
            DataType = TensorDataType.Float,
            RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())),
        };
        tensor.Dims.AddRange(dims);
        _ = CheckCount(tensor, values);
        return tensor;
    }

    private static int[] ToInts(ReadOnlySpan<byte> bytes, bool signed)
    {
        var values = new int[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            values[i] = signed ? (sbyte)bytes[i] : bytes[i];
        }

        return values;
    }

    private static void RequireInline(TensorProto tensor)
    {
        // data_location EXTERNAL = 1: weights in a side file, which these single-file models never use.
        if (tensor.HasDataLocation && tensor.DataLocation == 1)
        {
            throw new NotSupportedException($"{tensor.Name}: external tensor data is not supported.");
        }
    }

    private static T[] CheckCount<T>(TensorProto tensor, T[] values)
    {
        long expected = ElementCount(tensor);
        return values.Length == expected
            ? values
            : throw new InvalidDataException($"{tensor.Name}: {values.Length} values for a shape of {expected} elements.");
    }
}

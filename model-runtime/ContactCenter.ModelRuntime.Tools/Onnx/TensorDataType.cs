namespace ContactCenter.ModelRuntime.Tools.Onnx;

/// <summary>The element types of ONNX's TensorProto.DataType (onnx.proto) that the de-quantiser meets.</summary>
internal static class TensorDataType
{
    public const int Float = 1;
    public const int UInt8 = 2;
    public const int Int8 = 3;
    public const int Int32 = 6;
    public const int Int64 = 7;
    public const int Float16 = 10;

    /// <summary>The 8-bit integer types quantised weights are stored in.</summary>
    public static bool IsEightBit(int dataType) => dataType is UInt8 or Int8;

    public static string Name(int dataType) => dataType switch
    {
        Float => "float",
        UInt8 => "uint8",
        Int8 => "int8",
        4 => "uint16",
        5 => "int16",
        Int32 => "int32",
        Int64 => "int64",
        8 => "string",
        9 => "bool",
        Float16 => "float16",
        11 => "double",
        16 => "bfloat16",
        _ => $"type{dataType}",
    };
}

using System.Runtime.InteropServices;

namespace ContactCenter.Media.Codecs.Interop;

/// <summary>
/// P/Invoke into Debian's libspandsp2 (the DSP library Asterisk and FreeSWITCH use): the G.722
/// codec and packet-loss concealment. The library is optional at run time: callers check
/// <see cref="IsAvailable"/> first, so a host without it simply does not offer G.722 and falls
/// back to attenuated-repeat concealment.
/// </summary>
internal static partial class SpanDsp
{
    public const string LibraryName = "libspandsp.so.2";

    /// <summary>g722_encode_init/g722_decode_init rate for the 64 kbit/s mode used on RTP (RFC 3551 §4.5.2).</summary>
    public const int G722Rate64000 = 64000;

    private static readonly Lazy<bool> Available = new(() => Probe(LibraryName));

    /// <summary>True when the library loads and exports every function this class binds.</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary>Tries to load <paramref name="libraryName"/> and find the exports; never throws.</summary>
    internal static bool Probe(string libraryName)
    {
        try
        {
            if (!NativeLibrary.TryLoad(libraryName, typeof(SpanDsp).Assembly, null, out IntPtr handle))
            {
                return false;
            }

            foreach (string export in (ReadOnlySpan<string>)["g722_encode_init", "g722_encode", "g722_encode_free",
                "g722_decode_init", "g722_decode", "g722_decode_free", "plc_init", "plc_rx", "plc_fillin", "plc_free"])
            {
                if (!NativeLibrary.TryGetExport(handle, export, out _))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // g722_encode_state_t *g722_encode_init(g722_encode_state_t *s, int rate, int options);
    // Passing NULL makes spandsp allocate the state; g722_encode_free releases it.
    [LibraryImport(LibraryName, EntryPoint = "g722_encode_init")]
    public static partial IntPtr G722EncodeInit(IntPtr state, int rate, int options);

    // int g722_encode(g722_encode_state_t *s, uint8_t g722_data[], const int16_t amp[], int len);
    [LibraryImport(LibraryName, EntryPoint = "g722_encode")]
    public static unsafe partial int G722Encode(IntPtr state, byte* g722Data, short* amp, int len);

    [LibraryImport(LibraryName, EntryPoint = "g722_encode_free")]
    public static partial int G722EncodeFree(IntPtr state);

    [LibraryImport(LibraryName, EntryPoint = "g722_decode_init")]
    public static partial IntPtr G722DecodeInit(IntPtr state, int rate, int options);

    // int g722_decode(g722_decode_state_t *s, int16_t amp[], const uint8_t g722_data[], int len);
    [LibraryImport(LibraryName, EntryPoint = "g722_decode")]
    public static unsafe partial int G722Decode(IntPtr state, short* amp, byte* g722Data, int len);

    [LibraryImport(LibraryName, EntryPoint = "g722_decode_free")]
    public static partial int G722DecodeFree(IntPtr state);

    // plc_state_t *plc_init(plc_state_t *s); int plc_rx(plc_state_t *s, int16_t amp[], int len);
    // int plc_fillin(plc_state_t *s, int16_t amp[], int len); int plc_free(plc_state_t *s);
    [LibraryImport(LibraryName, EntryPoint = "plc_init")]
    public static partial IntPtr PlcInit(IntPtr state);

    [LibraryImport(LibraryName, EntryPoint = "plc_rx")]
    public static unsafe partial int PlcRx(IntPtr state, short* amp, int len);

    [LibraryImport(LibraryName, EntryPoint = "plc_fillin")]
    public static unsafe partial int PlcFillIn(IntPtr state, short* amp, int len);

    [LibraryImport(LibraryName, EntryPoint = "plc_free")]
    public static partial int PlcFree(IntPtr state);
}

using System.Runtime.InteropServices;

namespace ContactCenter.ModelRuntime.Echo.Interop;

/// <summary>
/// P/Invoke into Debian's libspeexdsp1 (speexdsp 1.2): the MDF acoustic echo canceller (<c>speex/speex_echo.h</c>). Only the
/// runtime library is needed, not libspeexdsp-dev: the request number below is copied from that header. <c>spx_int16_t</c> is <c>int16_t</c>.
/// </summary>
internal static partial class SpeexDsp
{
    public const string LibraryName = "libspeexdsp.so.1";

    /// <summary>speex_echo.h: <c>SPEEX_ECHO_SET_SAMPLING_RATE</c> (int32 in).</summary>
    public const int EchoSetSamplingRate = 24;

    // SpeexEchoState *speex_echo_state_init(int frame_size, int filter_length);
    [LibraryImport(LibraryName, EntryPoint = "speex_echo_state_init")]
    public static partial IntPtr EchoStateInit(int frameSize, int filterLength);

    // void speex_echo_state_destroy(SpeexEchoState *st);
    [LibraryImport(LibraryName, EntryPoint = "speex_echo_state_destroy")]
    public static partial void EchoStateDestroy(IntPtr state);

    // int speex_echo_ctl(SpeexEchoState *st, int request, void *ptr);
    [LibraryImport(LibraryName, EntryPoint = "speex_echo_ctl")]
    public static unsafe partial int EchoCtl(IntPtr state, int request, void* ptr);

    // void speex_echo_cancellation(SpeexEchoState *st, const spx_int16_t *rec, const spx_int16_t *play, spx_int16_t *out);
    // rec: the near-end (caller) frame; play: the far-end (bot) frame played at the same time; out: rec minus the echo.
    [LibraryImport(LibraryName, EntryPoint = "speex_echo_cancellation")]
    public static unsafe partial void EchoCancellation(IntPtr state, short* rec, short* play, short* output);
}

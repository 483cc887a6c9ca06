using System.Runtime.InteropServices;

namespace ContactCenter.Media.Codecs.Interop;

/// <summary>
/// Owns one spandsp state object (G.722 encoder, decoder or PLC) and frees it exactly once, even
/// if the owning codec is never disposed (SafeHandle's critical finalizer).
/// </summary>
internal sealed class SpanDspHandle : SafeHandle
{
    private readonly Func<IntPtr, int> _free;

    public SpanDspHandle(IntPtr state, Func<IntPtr, int> free)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _free = free;
        SetHandle(state);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        _free(handle);
        return true;
    }
}

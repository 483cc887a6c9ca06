using System.Runtime.InteropServices;

namespace ContactCenter.ModelRuntime.Echo.Interop;

/// <summary>
/// Owns one speexdsp state object (echo canceller or preprocessor) and destroys it exactly once, even if the owning
/// <see cref="EchoGuard"/> is never disposed (SafeHandle's critical finalizer).
/// </summary>
internal sealed class SpeexHandle : SafeHandle
{
    private readonly Action<IntPtr> _destroy;

    public SpeexHandle(IntPtr state, Action<IntPtr> destroy)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _destroy = destroy;
        SetHandle(state);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        _destroy(handle);
        return true;
    }
}

using Microsoft.ML.OnnxRuntime;

namespace ContactCenter.ModelRuntime.Tools.Moonshine;

/// <summary>Inputs for one InferenceSession.Run: disposes the values it created, not the borrowed ones (the previous call's outputs).</summary>
internal sealed class OrtValueList : IDisposable
{
    private readonly List<OrtValue> _values = [];
    private readonly List<OrtValue> _owned = [];

    public IReadOnlyList<OrtValue> Values => _values;

    public void Add(OrtValue value) => _owned.Add(Borrow(value));

    public OrtValue Borrow(OrtValue value)
    {
        _values.Add(value);
        return value;
    }

    public void Dispose()
    {
        foreach (OrtValue value in _owned)
        {
            value.Dispose();
        }
    }
}

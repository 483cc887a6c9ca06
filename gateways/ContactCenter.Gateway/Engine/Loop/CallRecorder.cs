using ContactCenter.Media.Codecs;

namespace ContactCenter.Gateway.Engine.Loop;

/// <summary>Writes what the caller sent to a WAV file as it arrives; the header sizes are fixed on close.</summary>
public sealed class CallRecorder : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly byte[] _buffer = new byte[AudioFrame.SampleCount * 2];

    public CallRecorder(string path)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, bufferSize: 16 * 1024, useAsync: true);
        WavFile.WriteHeader(_stream, AudioFrame.SampleRate);
    }

    public string Path { get; }

    public ValueTask WriteAsync(AudioFrame frame, CancellationToken cancellationToken = default)
    {
        frame.WriteLittleEndianBytes(_buffer);
        return _stream.WriteAsync(_buffer, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.FlushAsync();
        WavFile.PatchSizes(_stream);
        await _stream.DisposeAsync();
    }
}

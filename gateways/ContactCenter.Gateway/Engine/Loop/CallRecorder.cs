using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;

namespace ContactCenter.Gateway.Engine.Loop;

/// <summary>
/// Writes what the caller sent to a WAV file as it arrives; the header sizes are fixed on close.
/// Writes are buffered (64 KiB, four seconds of audio), so the engine's tick rarely touches the disk.
/// </summary>
public sealed class CallRecorder : IDisposable
{
    private readonly FileStream _stream;
    private readonly byte[] _buffer = new byte[AudioFrame.SampleCount * 2];

    public CallRecorder(string path)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, bufferSize: 64 * 1024);
        WavFile.WriteHeader(_stream, AudioFrame.SampleRate);
    }

    public string Path { get; }

    public void Write(AudioFrame frame)
    {
        frame.WriteLittleEndianBytes(_buffer);
        _stream.Write(_buffer);
    }

    public void Dispose()
    {
        _stream.Flush();
        WavFile.PatchSizes(_stream);
        _stream.Dispose();
    }
}

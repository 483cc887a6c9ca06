using BenchmarkDotNet.Attributes;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.JitterBuffer;
using ContactCenter.Media.Rtp;

namespace ContactCenter.Benchmarks;

/// <summary>
/// Per-frame cost of the media hot path (one 20 ms frame of one call): G.711 and G.722 coding,
/// RTP parsing and a jitter-buffer put + get. Multiply Mean by 50 x calls for CPU per second;
/// "Allocated" should be 0 except where a frame is handed out (the jitter buffer's Get).
/// </summary>
[MemoryDiagnoser]
public class MediaBenchmarks
{
    private readonly short[] _pcm = new short[160];
    private readonly byte[] _payload = new byte[160];
    private readonly short[] _decoded = new short[160];
    private byte[] _rtp = [];
    private G722Codec? _g722;
    private AdaptiveJitterBuffer? _jitterBuffer;
    private ushort _sequence;
    private uint _timestamp;
    private long _arrival;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * i / 8000));
        }

        PcmuCodec.Instance.Encode(_pcm, _payload);
        _rtp = new RtpPacket(0, 1, 160, 0x1234, _payload).ToArray();
        _g722 = CodecRegistry.IsAvailable("G722") ? new G722Codec() : null;
        _jitterBuffer = new AdaptiveJitterBuffer(PcmuCodec.Instance, timestampFrequency: 1000);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _g722?.Dispose();
        _jitterBuffer?.Dispose();
    }

    [Benchmark]
    public int PcmuEncode() => PcmuCodec.Instance.Encode(_pcm, _payload);

    [Benchmark]
    public int PcmuDecode() => PcmuCodec.Instance.Decode(_payload, _decoded);

    [Benchmark]
    public int PcmaEncodeDecode() => PcmaCodec.Instance.Encode(_pcm, _payload) + PcmaCodec.Instance.Decode(_payload, _decoded);

    [Benchmark]
    public int G722EncodeDecode() =>
        _g722 is null ? 0 : _g722.Encode(_pcm, _payload) + _g722.Decode(_payload, _decoded);

    [Benchmark]
    public int RtpParse() => RtpPacket.TryParse(_rtp, out RtpPacket packet) ? packet.Payload.Length : 0;

    [Benchmark]
    public AudioFrame? JitterBufferPutGet()
    {
        var packet = new RtpPacket(0, _sequence++, _timestamp, 0x1234, _payload);
        _timestamp += 160;
        _jitterBuffer!.Put(packet, _arrival);
        _arrival += 20;
        return _jitterBuffer.Get();
    }
}

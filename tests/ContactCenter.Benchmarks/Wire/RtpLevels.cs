using System.Globalization;
using ContactCenter.Media.Codecs;

namespace ContactCenter.Benchmarks.Wire;

/// <summary>One G.711 µ-law RTP packet seen on the wire: when, which way, and how loud its 20 ms are.</summary>
internal readonly record struct RtpLevel(double Time, bool FromBot, double Dbfs)
{
    /// <summary>Louder than this is speech (flite prompts and callers sit near -20 dBFS; comfort silence is far below).</summary>
    public const double SpeechDbfs = -40;

    public bool IsSpeech => Dbfs > SpeechDbfs;

    /// <summary>
    /// Reads tshark rows of frame.time_epoch, udp.srcport, udp.dstport, rtp.p_type, rtp.payload. Packets sent from a
    /// port in the gateway's RTP range are the bot's; packets to it are the caller's. Only PCMU (type 0) is decoded.
    /// </summary>
    public static List<RtpLevel> Parse(IEnumerable<string[]> rows, int gatewayFirstPort, int gatewayLastPort)
    {
        var levels = new List<RtpLevel>();
        Span<short> pcm = stackalloc short[160];
        foreach (var row in rows)
        {
            if (row.Length < 5 || row[3] != "0" || row[4].Length == 0)
            {
                continue;
            }

            var time = double.Parse(row[0], CultureInfo.InvariantCulture);
            var source = int.Parse(row[1], CultureInfo.InvariantCulture);
            var payload = Convert.FromHexString(row[4].Replace(":", string.Empty, StringComparison.Ordinal));
            var samples = pcm[..Math.Min(payload.Length, pcm.Length)];
            PcmuCodec.Instance.Decode(payload.AsSpan(0, samples.Length), samples);
            levels.Add(new RtpLevel(time, source >= gatewayFirstPort && source <= gatewayLastPort, LevelOf(samples)));
        }

        levels.Sort((a, b) => a.Time.CompareTo(b.Time));
        return levels;
    }

    private static double LevelOf(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        var rms = samples.Length == 0 ? 0 : Math.Sqrt(sum / samples.Length) / 32768.0;
        return rms > 0 ? 20 * Math.Log10(rms) : -120;
    }
}

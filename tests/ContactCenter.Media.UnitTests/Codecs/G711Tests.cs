using ContactCenter.Media.Codecs;

namespace ContactCenter.Media.UnitTests.Codecs;

public class G711Tests
{
    [Fact]
    public void Mu_law_encodes_zero_as_0xFF_and_decodes_it_back_to_zero()
    {
        Assert.Equal(0xFF, G711.LinearToMuLaw(0));
        Assert.Equal(0, G711.MuLawToLinear(0xFF));
    }

    [Fact]
    public void A_law_encodes_zero_as_0xD5()
    {
        Assert.Equal(0xD5, G711.LinearToALaw(0));
        // A-law has no zero level: the smallest positive step is reconstructed at 8.
        Assert.Equal(8, G711.ALawToLinear(0xD5));
    }

    [Theory]
    [InlineData(short.MaxValue, 0x80)]
    [InlineData(short.MinValue, 0x00)]
    [InlineData(-1, 0x7F)]
    public void Mu_law_known_code_words(short sample, byte code)
    {
        Assert.Equal(code, G711.LinearToMuLaw(sample));
    }

    [Theory]
    [InlineData(short.MaxValue, 0xAA)]
    [InlineData(short.MinValue, 0x2A)]
    public void A_law_known_code_words(short sample, byte code)
    {
        Assert.Equal(code, G711.LinearToALaw(sample));
    }

    [Fact]
    public void Mu_law_decode_table_is_odd_symmetric_and_monotonic()
    {
        for (int code = 0; code < 128; code++)
        {
            // Code c and c|0x80 are the same magnitude with opposite signs.
            Assert.Equal(-G711.MuLawToLinear((byte)(code | 0x80)), G711.MuLawToLinear((byte)code));
        }

        for (int code = 0x80; code < 0xFF; code++)
        {
            Assert.True(G711.MuLawToLinear((byte)code) > G711.MuLawToLinear((byte)(code + 1)), $"code {code:X2}");
        }
    }

    [Fact]
    public void Every_code_word_survives_decode_then_encode()
    {
        for (int code = 0; code < 256; code++)
        {
            byte mu = (byte)code;
            if (mu != 0x7F)
            {
                // 0x7F and 0xFF are -0 and +0 in µ-law; both decode to 0, which encodes as 0xFF.
                Assert.Equal(mu, G711.LinearToMuLaw(G711.MuLawToLinear(mu)));
            }

            Assert.Equal((byte)code, G711.LinearToALaw(G711.ALawToLinear((byte)code)));
        }
    }

    [Fact]
    public void Round_trip_error_stays_within_half_a_quantisation_step()
    {
        for (int x = -32000; x <= 32000; x++)
        {
            int mu = G711.MuLawToLinear(G711.LinearToMuLaw((short)x));
            int alaw = G711.ALawToLinear(G711.LinearToALaw((short)x));
            // Logarithmic quantisation: the step is about 1/16 of the value (1/32 each side).
            Assert.True(Math.Abs(mu - x) <= (Math.Abs(x) / 16) + 4, $"µ-law {x} -> {mu}");
            Assert.True(Math.Abs(alaw - x) <= (Math.Abs(x) / 16) + 9, $"A-law {x} -> {alaw}");
        }
    }

    [Theory]
    [InlineData("PCMU")]
    [InlineData("PCMA")]
    public void A_speech_level_tone_keeps_at_least_35_dB_signal_to_quantisation_noise(string name)
    {
        IAudioCodec codec = CodecRegistry.Create(name);
        short[] tone = Signal.Tone(1000, 8000, 160, 10000);
        var payload = new byte[160];
        var decoded = new short[160];
        Assert.Equal(160, codec.Encode(tone, payload));
        Assert.Equal(160, codec.Decode(payload, decoded));

        double noise = 0;
        double signal = 0;
        for (int i = 0; i < 160; i++)
        {
            signal += (double)tone[i] * tone[i];
            noise += (double)(tone[i] - decoded[i]) * (tone[i] - decoded[i]);
        }

        double snr = 10 * Math.Log10(signal / noise);
        Assert.True(snr > 35, $"SNR {snr:F1} dB");
    }

    [Fact]
    public void Codecs_report_rfc_3551_payload_types_and_8000_clock()
    {
        Assert.Equal((0, 8000, "PCMU"), (PcmuCodec.Instance.PayloadType, PcmuCodec.Instance.ClockRate, PcmuCodec.Instance.Name));
        Assert.Equal((8, 8000, "PCMA"), (PcmaCodec.Instance.PayloadType, PcmaCodec.Instance.ClockRate, PcmaCodec.Instance.Name));
        Assert.Equal(160, PcmuCodec.Instance.GetSampleCount(160));
    }
}

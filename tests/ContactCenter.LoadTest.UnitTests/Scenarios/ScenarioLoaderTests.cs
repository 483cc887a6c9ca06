using System.Buffers.Binary;
using ContactCenter.LoadTest.Scenarios;
using ContactCenter.Media.Audio;

namespace ContactCenter.LoadTest.UnitTests.Scenarios;

public sealed class ScenarioLoaderTests : IDisposable
{
    // Positions in the error cases below are 1-based line:column of the node at fault in this layout.
    private const string Minimal = """
        name: Short call
        audio: caller.wav
        utterances:
          - start: 1
            end: 2
            kind: request
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("loadtest-scenarios-").FullName;

    public ScenarioLoaderTests()
    {
        // Ten seconds of silence: the loader reads the header and length, never the content.
        WavFile.Write(Path.Combine(_folder, "caller.wav"), new short[80_000], 8000);
        WavFile.Write(Path.Combine(_folder, "wideband.wav"), new short[160_000], 16000);
        WavFile.Write(Path.Combine(_folder, "cd.wav"), new short[44_100], 44100);
        File.WriteAllBytes(Path.Combine(_folder, "stereo.wav"), Stereo(new short[16_000], 8000));
        File.WriteAllText(Path.Combine(_folder, "notes.wav"), "not audio");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_full_timeline_loads_with_every_field()
    {
        var path = Write("""
            name: Pay a bill, interrupting the balance
            audio: caller.wav
            wait_for_bot: 8s
            hangup_at: 42
            utterances:
              - start: 0.5
                end: 2s
                kind: request
                intent: pay-bill
                text: I want to pay my bill
              - start: 3
                end: 3.4
                kind: backchannel
                reactive: { after: bot-starts, delay: 1.5s }
              - start: 4s
                end: 5500ms
                kind: interruption
                reactive: { after: bot-stops, delay: 300ms }
              - { start: 6, end: 7, kind: digits }
              - { start: 7.5, end: 8, kind: silence }
            dtmf:
              - at: 9s
                digits: "1234#"
              - reactive: { after: bot-stops }
                digits: "*9"
            """);

        var scenario = ScenarioLoader.Load(path);

        Assert.Equal(path, scenario.Source);
        Assert.Equal("Pay a bill, interrupting the balance", scenario.Name);
        Assert.Equal(Path.Combine(_folder, "caller.wav"), scenario.AudioPath);
        Assert.Equal(8000, scenario.AudioSampleRate);
        Assert.Equal(TimeSpan.FromSeconds(10), scenario.AudioDuration);
        Assert.Equal(TimeSpan.FromSeconds(8), scenario.WaitForBot);
        Assert.Equal(TimeSpan.FromSeconds(42), scenario.HangupAt);
        Assert.Equal(
            [UtteranceKind.Request, UtteranceKind.Backchannel, UtteranceKind.Interruption, UtteranceKind.Digits, UtteranceKind.Silence],
            scenario.Utterances.Select(u => u.Kind));
        var request = scenario.Utterances[0];
        Assert.Equal((TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2)), (request.Start, request.End));
        Assert.Equal(("pay-bill", "I want to pay my bill"), (request.Intent, request.Text));
        Assert.Null(request.Cue);
        Assert.Equal(new ReactiveCue(BotTransition.StartsTalking, TimeSpan.FromSeconds(1.5)), scenario.Utterances[1].Cue);
        Assert.Equal(new ReactiveCue(BotTransition.StopsTalking, TimeSpan.FromMilliseconds(300)), scenario.Utterances[2].Cue);
        Assert.Equal(TimeSpan.FromMilliseconds(5500), scenario.Utterances[2].End);
        Assert.Null(scenario.Utterances[3].Intent);
        Assert.Collection(
            scenario.Dtmf,
            timed => Assert.Equal(("1234#", (TimeSpan?)TimeSpan.FromSeconds(9), (ReactiveCue?)null), (timed.Digits, timed.At, timed.Cue)),
            cued => Assert.Equal(("*9", (TimeSpan?)null, (ReactiveCue?)new ReactiveCue(BotTransition.StopsTalking, TimeSpan.Zero)), (cued.Digits, cued.At, cued.Cue)));
    }

    [Fact]
    public void Optional_fields_take_their_defaults_and_16_kHz_audio_is_accepted()
    {
        var scenario = ScenarioLoader.Load(Write("""
            name: Greeting only
            audio: wideband.wav
            """));

        Assert.Equal(ScenarioLoader.DefaultWaitForBot, scenario.WaitForBot);
        Assert.Equal(16000, scenario.AudioSampleRate);
        Assert.Empty(scenario.Utterances);
        Assert.Empty(scenario.Dtmf);
        Assert.Null(scenario.HangupAt);
    }

    [Fact]
    public void Audio_is_found_next_to_the_timeline_whatever_the_working_folder()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_folder, "calls")).FullName;
        var path = Path.Combine(nested, "call.yaml");
        File.WriteAllText(path, Minimal.Replace("caller.wav", "../caller.wav", StringComparison.Ordinal));

        Assert.Equal(Path.Combine(_folder, "caller.wav"), ScenarioLoader.Load(path).AudioPath);
    }

    [Theory]
    [InlineData("audio: caller.wav", "audio: missing.wav", 2, 8, "audio file 'missing.wav' not found")]
    [InlineData("audio: caller.wav", "audio: stereo.wav", 2, 8, "audio 'stereo.wav' must be mono, not 2 channels")]
    [InlineData("audio: caller.wav", "audio: cd.wav", 2, 8, "audio 'cd.wav' must be 8 or 16 kHz, not 44100 Hz")]
    [InlineData("audio: caller.wav", "audio: notes.wav", 2, 8, "audio must be a 16-bit PCM WAV file")]
    [InlineData("audio: caller.wav", "colour: red", 2, 1, "unknown key 'colour' in the scenario")]
    [InlineData("    end: 2", "    end: 0.5", 5, 10, "end 0.5s is not after start 1s")]
    [InlineData("    end: 2", "    end: 12", 5, 10, "end 12s is past the end of the audio (10s)")]
    [InlineData("    kind: request", "    kind: shouting", 6, 11, "unknown kind 'shouting'")]
    [InlineData("    kind: request", "    kind: [request]", 6, 11, "'kind' must be text")]
    [InlineData("  - start: 1", "  - start: 3 parsecs", 4, 12, "'start' must be a duration such as 300ms, 1.5s or 2 (seconds), not '3 parsecs'")]
    [InlineData("    kind: request", "    kind: request\n    reactive: { after: bot-sings }", 7, 24, "unknown 'after' value 'bot-sings'")]
    [InlineData("    kind: request", "    kind: request\n    reactive: { after: bot-stops, delay: soon }", 7, 42, "'delay' must be a duration")]
    [InlineData("    kind: request", "", 4, 5, "an utterance is missing 'kind'")]
    [InlineData("name: Short call", "name: ''", 1, 7, "'name' is empty")]
    [InlineData("utterances:", "utterances: [", 4, 3, "While parsing a node")]
    public void A_malformed_timeline_is_refused_at_the_offending_node(string line, string replacement, int row, int column, string reason)
    {
        var path = Write(Minimal.Replace(line, replacement, StringComparison.Ordinal));

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

        AssertPointsAt(error, path, row, column, reason);
    }

    [Theory]
    [InlineData("  - { start: 1.5, end: 3, kind: request }", 7, 14, "start 1.5s overlaps the previous utterance, which ends at 2s")]
    [InlineData("  - { start: 0.2, end: 0.5, kind: request }", 7, 14, "utterances must be in the order of the audio")]
    [InlineData("dtmf: [{ digits: 12x, at: 1 }]", 7, 18, "'digits' may hold only 0-9, *, # and A-D, not '12x'")]
    [InlineData("dtmf: [{ digits: 1, at: 1, reactive: { after: bot-stops } }]", 7, 8, "a dtmf entry needs exactly one of 'at' and 'reactive'")]
    [InlineData("hangup_at: 0", 7, 12, "'hangup_at' must be longer than 0")]
    [InlineData("wait_for_bot: forever", 7, 15, "'wait_for_bot' must be a duration")]
    [InlineData("---\nname: again", 8, 1, "one scenario per file")]
    public void A_malformed_addition_is_refused_at_the_offending_node(string appended, int row, int column, string reason)
    {
        var path = Write(Minimal + "\n" + appended);

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

        AssertPointsAt(error, path, row, column, reason);
    }

    [Fact]
    public void A_timeline_without_audio_names_the_mapping_that_lacks_it()
    {
        var path = Write(Minimal.Replace("audio: caller.wav\n", string.Empty, StringComparison.Ordinal));

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

        Assert.Equal($"{path}:1:1: the scenario is missing 'audio'", error.Message);
    }

    private static void AssertPointsAt(ScenarioException error, string path, int row, int column, string reason)
    {
        Assert.Equal((path, row, column), (error.File, (int)error.Line, (int)error.Column));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"{path}:{row}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    private string Write(string timeline)
    {
        var path = Path.Combine(_folder, "call.yaml");
        File.WriteAllText(path, timeline);
        return path;
    }

    /// <summary>A two-channel WAV, which WavFile only reads (mixing it down) and never writes: its header patched by hand.</summary>
    private static byte[] Stereo(short[] interleaved, int sampleRate)
    {
        var bytes = WavFile.Encode(interleaved, sampleRate);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(22, 2), 2);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28, 4), sampleRate * 4);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32, 2), 4);
        return bytes;
    }
}

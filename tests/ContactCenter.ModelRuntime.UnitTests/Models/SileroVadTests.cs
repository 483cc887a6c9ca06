using ContactCenter.ModelRuntime.Models;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace ContactCenter.ModelRuntime.UnitTests.Models;

[Collection(ModelsCollection.Name)]
public sealed class SileroVadTests(ModelsFixture models, ITestOutputHelper output)
{
    private const int LeadMs = 600;
    private const int TailMs = 800;

    [Fact]
    public void Speech_scores_high_and_silence_low()
    {
        short[] prompt = TestAudio.AsteriskSound("all-circuits-busy-now");
        short[] audio = TestAudio.Concat(TestAudio.Silence(LeadMs), prompt, TestAudio.Silence(TailMs));

        float[] probabilities = RunAlone(audio);
        output.WriteLine(string.Join(" ", probabilities.Select(p => p.ToString("F2"))));

        // Windows of the recording loud enough to be speech (not its own pauses) must read as speech...
        int speechStart = TestAudio.SampleRate * LeadMs / 1000;
        var loud = Enumerable.Range(0, probabilities.Length)
            .Where(w => w * SileroVad.WindowSamples >= speechStart + 1600
                && ((w + 1) * SileroVad.WindowSamples) <= speechStart + prompt.Length
                && TestAudio.RmsDbfs(audio.AsSpan(w * SileroVad.WindowSamples, SileroVad.WindowSamples)) > -30)
            .ToList();
        Assert.True(loud.Count > 20, $"only {loud.Count} loud windows");
        double speechShare = loud.Count(w => probabilities[w] > 0.5) / (double)loud.Count;
        Assert.True(speechShare >= 0.9, $"{speechShare:P0} of the loud windows read as speech");

        // ...and the silence before it, and after it once Silero's own hangover (~0.3 s) has passed, as silence.
        int leadWindows = speechStart / SileroVad.WindowSamples;
        Assert.All(probabilities[..leadWindows], p => Assert.True(p < 0.2, $"silence before speech at {p}"));
        int quietFrom = (speechStart + prompt.Length + 3200) / SileroVad.WindowSamples;
        Assert.All(probabilities[quietFrom..], p => Assert.True(p < 0.2, $"silence after speech at {p}"));
    }

    [Fact]
    public void A_batch_gives_each_stream_what_it_gets_alone()
    {
        // Five calls, each with different audio and a different phase, so the set ready each tick varies.
        short[][] calls =
        [
            TestAudio.Concat(TestAudio.Silence(300), TestAudio.AsteriskSound("auth-thankyou")),
            TestAudio.AsteriskSound("check-number-dial-again"),
            TestAudio.Concat(TestAudio.Silence(100), TestAudio.AsteriskSound("activated"), TestAudio.Silence(500)),
            TestAudio.SeededNoise(2000, -30, seed: 7),
            TestAudio.Concat(TestAudio.Silence(60), TestAudio.Speak("I want to pay my bill")),
        ];
        float[][] alone = [.. calls.Select(RunAlone)];

        var streams = calls.Select(_ => models.Vad.CreateStream()).ToArray();
        var got = calls.Select(_ => new List<float>()).ToArray();
        int ticks = calls.Select((c, i) => (c.Length / TestAudio.FrameSamples) + 1 + i).Max();
        var sizes = new HashSet<int>();
        for (int tick = 0; tick < ticks; tick++)
        {
            var ready = new List<VadStream>();
            var owners = new List<int>();
            for (int c = 0; c < calls.Length; c++)
            {
                // Call c joins c ticks late: different phases of the 5-windows-per-8-frames pattern.
                int frame = tick - c;
                if (frame >= 0 && frame * TestAudio.FrameSamples < calls[c].Length)
                {
                    int at = frame * TestAudio.FrameSamples;
                    streams[c].Append(calls[c].AsSpan(at, Math.Min(TestAudio.FrameSamples, calls[c].Length - at)));
                }

                if (streams[c].WindowReady)
                {
                    ready.Add(streams[c]);
                    owners.Add(c);
                }
            }

            models.Vad.Run(ready);
            sizes.Add(ready.Count);
            for (int i = 0; i < ready.Count; i++)
            {
                got[owners[i]].Add(ready[i].Probability);
            }
        }

        Assert.True(sizes.Count >= 3, "the batch size should vary");
        for (int c = 0; c < calls.Length; c++)
        {
            Assert.Equal(alone[c].Length, got[c].Count);
            for (int w = 0; w < alone[c].Length; w++)
            {
                Assert.True(Math.Abs(alone[c][w] - got[c][w]) <= 1e-4, $"call {c} window {w}: alone {alone[c][w]}, batched {got[c][w]}");
            }
        }
    }

    [Fact]
    public void Each_stream_carries_its_own_state()
    {
        short[] speech = TestAudio.AsteriskSound("all-circuits-busy-now");
        short[] quiet = TestAudio.SeededNoise(speech.Length * 1000 / TestAudio.SampleRate, -60, seed: 3);
        VadStream talker = models.Vad.CreateStream();
        VadStream listener = models.Vad.CreateStream();

        float talkerMax = 0;
        float listenerMax = 0;
        for (int at = 0; at + SileroVad.WindowSamples <= speech.Length; at += SileroVad.WindowSamples)
        {
            talker.Append(speech.AsSpan(at, SileroVad.WindowSamples));
            listener.Append(quiet.AsSpan(at, SileroVad.WindowSamples));
            models.Vad.Run([talker, listener]);
            talkerMax = Math.Max(talkerMax, talker.Probability);
            listenerMax = Math.Max(listenerMax, listener.Probability);
        }

        Assert.True(talkerMax > 0.9, $"talker peaked at {talkerMax}");
        Assert.True(listenerMax < 0.2, $"listener peaked at {listenerMax}");

        // The state is memory: the same window scores differently after speech than on a fresh stream.
        short[] next = TestAudio.SeededNoise(32, -50, seed: 5);
        VadStream fresh = models.Vad.CreateStream();
        talker.Append(next);
        fresh.Append(next);
        models.Vad.Run([talker, fresh]);
        Assert.True(talker.Probability - fresh.Probability > 0.05, $"after speech {talker.Probability}, fresh {fresh.Probability}");

        // Reset forgets it.
        talker.Reset();
        talker.Append(next);
        models.Vad.Run([talker]);
        Assert.Equal(fresh.Probability, talker.Probability, 1e-5f);
        Assert.Equal(1, talker.WindowsProcessed);
    }

    [Fact]
    public void A_window_is_ready_at_256_samples_and_the_rest_stays_pending()
    {
        VadStream stream = models.Vad.CreateStream();
        short[] frame = new short[TestAudio.FrameSamples];

        stream.Append(frame);
        Assert.False(stream.WindowReady);
        Assert.Throws<InvalidOperationException>(() => models.Vad.Run([stream]));
        stream.Append(frame);
        Assert.True(stream.WindowReady);
        models.Vad.Run([stream]);
        Assert.Equal(320 - SileroVad.WindowSamples, stream.PendingSamples);
        Assert.False(stream.WindowReady);
        Assert.Equal(1, stream.WindowsProcessed);
    }

    [Fact]
    public void A_warm_batched_step_allocates_next_to_nothing()
    {
        VadStream[] streams = [.. Enumerable.Range(0, 8).Select(_ => models.Vad.CreateStream())];
        short[] audio = TestAudio.AsteriskSound("check-number-dial-again");
        foreach (VadStream stream in streams)
        {
            stream.Append(audio.AsSpan(0, 12 * SileroVad.WindowSamples));
        }

        models.Vad.Run(streams);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 10; step++)
        {
            models.Vad.Run(streams);
        }

        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
        output.WriteLine($"{perStep} bytes allocated per batched step of {streams.Length}");
        // The buffers and tensor views are reused; what is left is ONNX Runtime's own bookkeeping per run.
        Assert.True(perStep < 1024, $"{perStep} bytes per step");
    }

    [Fact]
    public void Asking_for_cuda_without_it_falls_back_to_the_cpu_with_the_reason_and_the_same_results()
    {
        using SileroVad vad = SileroVad.Load(models.Files, new InferenceOptions { UseCuda = true });
        if (!OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"))
        {
            Assert.False(vad.OnGpu);
            Assert.Contains("not in this ONNX Runtime build", vad.CpuReason, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(vad.OnGpu || vad.CpuReason is not null);
        }

        short[] audio = TestAudio.AsteriskSound("activated");
        VadStream mine = vad.CreateStream();
        VadStream reference = models.Vad.CreateStream();
        for (int at = 0; at + SileroVad.WindowSamples <= audio.Length; at += SileroVad.WindowSamples)
        {
            mine.Append(audio.AsSpan(at, SileroVad.WindowSamples));
            reference.Append(audio.AsSpan(at, SileroVad.WindowSamples));
            vad.Run([mine]);
            models.Vad.Run([reference]);
            Assert.Equal(reference.Probability, mine.Probability, 1e-3f);
        }
    }

    private float[] RunAlone(short[] audio)
    {
        VadStream stream = models.Vad.CreateStream();
        var probabilities = new List<float>();
        foreach (short[] frame in TestAudio.Frames(audio))
        {
            stream.Append(frame);
            if (stream.WindowReady)
            {
                models.Vad.Run([stream]);
                probabilities.Add(stream.Probability);
            }
        }

        return [.. probabilities];
    }
}

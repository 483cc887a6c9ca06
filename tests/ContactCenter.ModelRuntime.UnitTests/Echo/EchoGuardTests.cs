using ContactCenter.ModelRuntime.Echo;
using Xunit.Abstractions;

namespace ContactCenter.ModelRuntime.UnitTests.Echo;

/// <summary>
/// The echo guard on real speech (asterisk-core-sounds, a human voice) with echo injected at the delays and
/// attenuations of the issue: up to 64 ms, 6 to 20 dB down.
/// </summary>
public sealed class EchoGuardTests(ITestOutputHelper output)
{
    private const string BotPrompt = "vm-msginstruct";
    private const string CallerPrompt = "tt-allbusy";

    /// <summary>The first 0.5 s of echo is the canceller's to learn the path.</summary>
    private const int ConvergenceFrames = 25;

    /// <summary>Echo frames this far above the line noise could make VAD fire.</summary>
    private const double AudibleDbfs = EchoLine.NoiseDbfs + 15;

    /// <summary>Consecutive frames of speech that pause the bot (FloorOptions.BargeInOnsetFrames).</summary>
    private const int BargeInFrames = 3;

    [Theory]
    [MemberData(nameof(EchoPaths.All), MemberType = typeof(EchoPaths))]
    public void Echo_alone_never_passes_for_caller_speech(int delayMs, double attenuationDb)
    {
        short[] bot = TestAudio.AsteriskSound(BotPrompt);
        short[] line = EchoLine.Echo(bot, delayMs, attenuationDb, seed: delayMs);
        using var guard = new EchoGuard(new EchoOptions());

        EchoVerdict[] verdicts = EchoLine.Run(guard, line, bot);

        int audible = 0, passed = 0, run = 0, longestRun = 0;
        double erle = 0;
        for (int f = ConvergenceFrames; f < verdicts.Length; f++)
        {
            if (verdicts[f].CallerDb < AudibleDbfs)
            {
                run = 0;
                continue;
            }

            audible++;
            erle += verdicts[f].CallerDb - verdicts[f].CleanedDb;
            run = verdicts[f].EchoOnly ? 0 : run + 1;
            passed += verdicts[f].EchoOnly ? 0 : 1;
            longestRun = Math.Max(longestRun, run);
        }

        erle /= audible;
        output.WriteLine($"delay {delayMs} ms, attenuation {attenuationDb} dB: {audible} audible echo frames, {passed} not judged echo, " +
            $"longest run {longestRun}, mean ERLE {erle:F1} dB, converged {guard.Converged}");
        Assert.True(audible > 300, $"only {audible} audible echo frames: the test line is wrong");
        Assert.True(longestRun < BargeInFrames, $"{longestRun} echo frames in a row passed for speech: that is a false barge-in");
        Assert.True(passed <= audible / 100, $"{passed} of {audible} echo frames passed for speech");
        Assert.True(erle >= 12, $"the canceller removed only {erle:F1} dB of echo on average");
        Assert.True(guard.Converged);
    }

    [Theory]
    [MemberData(nameof(EchoPaths.All), MemberType = typeof(EchoPaths))]
    public void Caller_speech_over_the_echo_is_heard(int delayMs, double attenuationDb)
    {
        short[] bot = TestAudio.AsteriskSound(BotPrompt);
        short[] caller = TestAudio.AsteriskSound(CallerPrompt);
        int callerStart = TestAudio.SampleRate * 2;
        short[] line = TestAudio.MixAt(EchoLine.Echo(bot, delayMs, attenuationDb, seed: delayMs), caller, callerStart);
        using var guard = new EchoGuard(new EchoOptions());

        EchoVerdict[] verdicts = EchoLine.Run(guard, line, bot);

        int first = callerStart / EchoLine.Frame, speech = 0, heard = 0, run = 0, bargeIn = -1, voiced = -1;
        for (int f = first; f < verdicts.Length; f++)
        {
            if (EchoLine.FrameDb(caller, f - first) < -35 || verdicts[f].ReferenceDb < -55)
            {
                // Only the caller's voiced frames while the bot is talking: that is double talk.
                continue;
            }

            voiced = voiced < 0 ? f : voiced;
            speech++;
            heard += verdicts[f].EchoOnly ? 0 : 1;
            run = verdicts[f].EchoOnly ? 0 : run + 1;
            if (run >= BargeInFrames && bargeIn < 0)
            {
                bargeIn = f - voiced;
            }
        }

        output.WriteLine($"delay {delayMs} ms, attenuation {attenuationDb} dB: {heard} of {speech} double-talk frames heard, " +
            $"3 frames in a row heard {bargeIn} frames after the caller's first voiced frame");
        Assert.True(speech > 200, $"only {speech} double-talk frames: the test line is wrong");
        Assert.True(heard * 3 >= speech * 2, $"only {heard} of {speech} caller frames over the bot were heard");
        Assert.InRange(bargeIn, BargeInFrames - 1, 10);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(5000)]
    public void On_a_line_without_echo_caller_speech_over_the_bot_is_heard(int callerStartMs)
    {
        short[] bot = TestAudio.AsteriskSound(BotPrompt);
        short[] caller = TestAudio.AsteriskSound(CallerPrompt);
        int callerStart = callerStartMs * TestAudio.SampleRate / 1000;
        short[] line = TestAudio.MixAt(TestAudio.SeededNoise(16000, EchoLine.NoiseDbfs, seed: 5), caller, callerStart);
        using var guard = new EchoGuard(new EchoOptions());

        EchoVerdict[] verdicts = EchoLine.Run(guard, line, bot);

        int first = callerStart / EchoLine.Frame, speech = 0, heard = 0;
        for (int f = first; f < verdicts.Length; f++)
        {
            if (EchoLine.FrameDb(caller, f - first) >= -35 && verdicts[f].ReferenceDb >= -55)
            {
                speech++;
                heard += verdicts[f].EchoOnly ? 0 : 1;
            }
        }

        output.WriteLine($"caller from {callerStartMs} ms: {heard} of {speech} frames over the bot heard");
        Assert.True(heard * 3 >= speech * 2, $"only {heard} of {speech} caller frames over the bot were heard");
    }

    [Fact]
    public void Caller_speech_while_the_bot_is_silent_is_never_echo_and_passes_untouched()
    {
        short[] caller = TestAudio.MixAt(TestAudio.SeededNoise(8000, EchoLine.NoiseDbfs, seed: 7), TestAudio.AsteriskSound(CallerPrompt), 4000);
        var cleaned = new short[caller.Length];
        using var guard = new EchoGuard(new EchoOptions());

        EchoVerdict[] verdicts = EchoLine.Run(guard, caller, [], cleaned);

        Assert.All(verdicts, verdict => Assert.False(verdict.EchoOnly));
        Assert.All(verdicts, verdict => Assert.Equal(-100f, verdict.ReferenceDb));
        int whole = verdicts.Length * EchoLine.Frame;
        Assert.Equal(caller.AsSpan(0, whole).ToArray(), cleaned.AsSpan(0, whole).ToArray());
    }

    [Fact]
    public void The_echo_tail_after_the_bot_stops_is_still_echo()
    {
        short[] bot = TestAudio.Concat(TestAudio.AsteriskSound(BotPrompt), TestAudio.Silence(1000));
        short[] line = EchoLine.Echo(bot, 64, 6, seed: 3);
        using var guard = new EchoGuard(new EchoOptions());

        EchoVerdict[] verdicts = EchoLine.Run(guard, line, bot);

        // The prompt's last 20 ms leaves the bot at frame `end`; its echo arrives up to 64 ms later.
        int end = TestAudio.AsteriskSound(BotPrompt).Length / EchoLine.Frame;
        for (int f = end; f < end + 5; f++)
        {
            Assert.True(verdicts[f].EchoOnly || verdicts[f].CallerDb < AudibleDbfs, $"frame {f} after the bot stopped");
        }

        // Once the tail has passed, nothing is echo any more.
        Assert.All(verdicts[(end + 20)..], verdict => Assert.False(verdict.EchoOnly));
    }

    [Fact]
    public void Frames_must_be_20_ms()
    {
        using var guard = new EchoGuard(new EchoOptions());
        var cleaned = new short[EchoLine.Frame];

        Assert.Throws<ArgumentException>(() => guard.Process(new short[80], new short[EchoLine.Frame], cleaned));
        Assert.Throws<ArgumentException>(() => guard.Process(new short[EchoLine.Frame], new short[320], cleaned));
    }

    [Fact]
    public void A_disposed_guard_refuses_frames()
    {
        var guard = new EchoGuard(new EchoOptions());
        guard.Dispose();

        Assert.Throws<ObjectDisposedException>(() => guard.Process(new short[EchoLine.Frame], new short[EchoLine.Frame], new short[EchoLine.Frame]));
    }
}

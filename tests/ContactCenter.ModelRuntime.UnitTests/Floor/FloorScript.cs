using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Floor;
using ContactCenter.ModelRuntime.Models;

namespace ContactCenter.ModelRuntime.UnitTests.Floor;

/// <summary>
/// Drives a <see cref="FloorController"/> frame by frame from a script: each 'S' is a 20 ms speech frame, each '.'
/// a silence frame (spaces are only for reading). Ticks count from 0, one per frame; transcripts, prompts and keys
/// happen at the tick of the last frame fed.
/// </summary>
internal sealed class FloorScript
{
    private long _nextTick;

    public FloorScript(FloorOptions? options = null) => Floor = new FloorController(options ?? Options());

    public FloorController Floor { get; }

    public FloorState State => Floor.State;

    /// <summary>The tick of the last frame fed.</summary>
    public long Now => _nextTick - 1;

    /// <summary>Every action so far, with the tick it was emitted at.</summary>
    public List<(long Tick, FloorAction Action)> Log { get; } = [];

    /// <summary>The timings every script assumes unless it says otherwise, spelled out so a change of defaults does not move them.</summary>
    public static FloorOptions Options() => new()
    {
        OnsetFrames = 3,
        BargeInOnsetFrames = 3,
        BackchannelMaxFrames = 30,
        BackchannelSilenceFrames = 3,
        CompleteSilenceFrames = 7,
        SilenceFrames = 15,
        IncompleteSilenceFrames = 60,
        FillerAfterFrames = 40,
        AsrPrerollFrames = 15,
        MaxTurnFrames = 1500,
        UnrecognisedTurnFrames = 40,
        BotBackchannelAfterFrames = 150,
        BotBackchannelPauseFrames = 8,
        BotBackchannelLatestFrames = 12,
    };

    /// <summary>Feeds the frames; returns the actions they produced.</summary>
    public List<FloorAction> Feed(string frames)
    {
        var all = new List<FloorAction>();
        var actions = new List<FloorAction>();
        foreach (char c in frames)
        {
            if (c == ' ')
            {
                continue;
            }

            Assert.True(c is 'S' or '.', $"script frames are 'S' or '.', not '{c}'");
            actions.Clear();
            long tick = _nextTick++;
            Floor.OnFrame(new FloorFrame(tick, c == 'S'), actions);
            Record(tick, actions, all);
        }

        return all;
    }

    /// <summary>Feeds <paramref name="count"/> copies of <paramref name="frame"/>.</summary>
    public List<FloorAction> Feed(char frame, int count) => Feed(new string(frame, count));

    public List<FloorAction> Transcript(long requestId, string text) => Transcript(requestId, new Recognition(text, 1));

    public List<FloorAction> Transcript(long requestId, Recognition heard)
    {
        var actions = new List<FloorAction>();
        Floor.OnTranscript(requestId, Now, heard, actions);
        return Record(Now, actions, []);
    }

    public List<FloorAction> Dtmf(char digit)
    {
        var actions = new List<FloorAction>();
        Floor.OnDtmf(Now, digit, actions);
        return Record(Now, actions, []);
    }

    public void Prompt(bool bargeable = true, Expectation? expect = null, bool backchannels = false) =>
        Floor.OnPromptStarted(Math.Max(0, Now), bargeable, expect ?? Expectation.Open, backchannels);

    public void PromptFinished() => Floor.OnPromptFinished(Now);

    /// <summary>The one RequestAsr among <paramref name="actions"/>.</summary>
    public static RequestAsr SingleRequest(List<FloorAction> actions) => Assert.IsType<RequestAsr>(Assert.Single(actions));

    /// <summary>Feeds frames one at a time until an action appears; returns its tick (or fails after <paramref name="limit"/> frames).</summary>
    public long FeedUntilAction(char frame, int limit)
    {
        for (int i = 0; i < limit; i++)
        {
            if (Feed(frame.ToString()).Count > 0)
            {
                return Now;
            }
        }

        Assert.Fail($"no action within {limit} frames of '{frame}'");
        return -1;
    }

    private List<FloorAction> Record(long tick, List<FloorAction> actions, List<FloorAction> into)
    {
        foreach (FloorAction action in actions)
        {
            Log.Add((tick, action));
            into.Add(action);
        }

        return into;
    }
}

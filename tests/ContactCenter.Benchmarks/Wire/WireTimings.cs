namespace ContactCenter.Benchmarks.Wire;

/// <summary>
/// What the capture says about the conversation, as a caller's network would see it:
/// response latency = caller speech end → first bot speech packet after it (the bot being quiet then);
/// barge-in stop = caller speech onset over bot speech → the bot's last speech packet before it went quiet.
/// </summary>
internal sealed record WireTimings(IReadOnlyList<double> ResponseMs, IReadOnlyList<double> BargeInStopMs, int CallerTurns, int Unanswered)
{
    // Gaps between words of one flite utterance stay under this; a caller's turn ends with a longer one.
    private const double CallerBridge = 0.35;
    // The bot's prompts pause between sentences for less than this.
    private const double BotBridge = 0.3;

    public static WireTimings Measure(IReadOnlyList<RtpLevel> levels)
    {
        var caller = TalkSpurt.Find(levels, fromBot: false, CallerBridge);
        var bot = TalkSpurt.Find(levels, fromBot: true, BotBridge);
        var responses = new List<double>();
        var stops = new List<double>();
        var unanswered = 0;
        foreach (var turn in caller)
        {
            // Barge-in: the bot was talking when the caller began.
            var talking = bot.FirstOrDefault(b => b.Start < turn.Start && b.End >= turn.Start);
            if (talking is not null)
            {
                stops.Add((talking.End - turn.Start) * 1000);
            }

            // Response: the first bot spurt that starts after the caller stopped.
            var answer = bot.FirstOrDefault(b => b.Start > turn.End);
            if (answer is not null && answer.Start - turn.End < 3)
            {
                responses.Add((answer.Start - turn.End) * 1000);
            }
            else
            {
                unanswered++;
            }
        }

        return new WireTimings(responses, stops, caller.Count, unanswered);
    }
}

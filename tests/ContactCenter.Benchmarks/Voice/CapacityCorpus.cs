namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// What the simulated callers of <c>voice capacity</c> say: requests the sample dialplan answers with a long prompt
/// (pay a bill, balance, outage; never "agent" or "goodbye", which would end the call), a recorded human sentence
/// it does not understand (its fallback), backchannels, and interruptions that are themselves new requests.
/// </summary>
internal sealed record CapacityCorpus(IReadOnlyList<CallerClip> Requests, IReadOnlyList<CallerClip> Backchannels, IReadOnlyList<CallerClip> Interruptions)
{
    public static CapacityCorpus Build()
    {
        string[] requests =
        [
            "I want to pay my bill.", "What is my balance?", "I want to report an outage.", "I'd like to make a payment.",
            "How much do I owe?", "My power is out.",
        ];
        string[] interruptions = ["Actually, what is my balance?", "No, I want to report an outage.", "Wait, I need to pay my bill."];
        var requestClips = Voices(requests).ToList();
        requestClips.Add(CallerCorpus.Asterisk("all-circuits-busy-now", "all circuits are busy now"));
        requestClips.Add(CallerCorpus.Asterisk("check-number-dial-again", "please check the number and dial again"));
        var backchannels = Voices(["Yeah.", "Okay.", "Right."]).ToList();
        backchannels.Add(CallerCorpus.Flite("Uh-huh.", "kal"));
        return new CapacityCorpus(requestClips, backchannels, [.. Voices(interruptions)]);
    }

    private static IEnumerable<CallerClip> Voices(IEnumerable<string> texts) =>
        texts.SelectMany(text => CallerCorpus.CallerVoices.Select(voice => CallerCorpus.Flite(text, voice)));
}

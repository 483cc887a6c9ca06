namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// A backchannel over a bargeable prompt. <see cref="Outcome"/>: "resumed" (paused, judged a backchannel, played on),
/// "not heard" (never paused), "interrupted" (the floor was yielded), "stuck" (the prompt neither finished nor
/// yielded). <see cref="BotGapMs"/> is the longest silence the bot's audio had on the wire: what the caller heard
/// of the pause. <see cref="Context"/>: "mid-call" (the greeting played first, so the echo guard has heard the bot
/// for seconds) or "call start" (the prompt is the call's first bot speech). <see cref="SpeechMs"/> is the clip's speech
/// (first to last frame above -40 dBFS). <see cref="Cause"/> says why one that was not talked through was not: "too long"
/// (the floor yielded on length, before any transcript), "ASR repeated itself" (the transcript repeats a word, as
/// Moonshine does on short clips, and so has too many words), or "not a backchannel word" (what ASR heard is not in the lexicon).
/// </summary>
internal sealed record BackchannelTrial(
    string Text,
    string Source,
    int SpeechMs,
    string Line,
    string Context,
    string Prompt,
    double OffsetSeconds,
    string Outcome,
    bool TalkedThrough,
    string? Transcript,
    string? Cause,
    int BotGapMs);

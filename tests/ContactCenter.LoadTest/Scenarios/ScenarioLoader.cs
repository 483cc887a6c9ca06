using System.Text.RegularExpressions;
using ContactCenter.Media.Audio;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContactCenter.LoadTest.Scenarios;

/// <summary>
/// Reads a scenario timeline (YAML, described in the project's README) and checks its audio, refusing anything it
/// would not replay faithfully with a "file:line:column: reason" error at the offending node. It reads YamlDotNet's
/// node tree rather than deserialising into classes because only the nodes keep their <see cref="Mark"/>s.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>How long a caller waits for the bot when the timeline does not say.</summary>
    public static readonly TimeSpan DefaultWaitForBot = TimeSpan.FromSeconds(10);

    private static readonly string[] ScenarioKeys = ["name", "audio", "wait_for_bot", "utterances", "dtmf", "hangup_at"];
    private static readonly string[] UtteranceKeys = ["start", "end", "kind", "intent", "text", "reactive"];
    private static readonly string[] DtmfKeys = ["at", "reactive", "digits"];
    private static readonly string[] ReactiveKeys = ["after", "delay"];

    /// <summary>Loads and validates the timeline at <paramref name="path"/> and its audio; errors name the path as given.</summary>
    /// <exception cref="ScenarioException">The timeline or its audio cannot be replayed.</exception>
    public static Scenario Load(string path)
    {
        using var reader = File.OpenText(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return Parse(reader, path, folder);
    }

    /// <summary>Parses a timeline; <paramref name="source"/> names it in errors, its audio is looked for in <paramref name="audioFolder"/>.</summary>
    /// <exception cref="ScenarioException">The timeline or its audio cannot be replayed.</exception>
    public static Scenario Parse(TextReader reader, string source, string audioFolder)
    {
        var file = new TimelineFile(source);
        var root = file.ReadRoot(reader);
        var keys = file.Keys(root, ScenarioKeys, "the scenario");
        var audioNode = file.Required(keys, "audio", root, "the scenario");
        var audio = ReadAudio(file, audioNode, audioFolder);
        var utterances = keys.TryGetValue("utterances", out var list) ? Utterances(file, list, audio.Duration) : [];
        return new Scenario
        {
            Source = source,
            Name = file.Text(file.Required(keys, "name", root, "the scenario"), "name"),
            AudioPath = audio.Path,
            AudioSampleRate = audio.SampleRate,
            AudioDuration = audio.Duration,
            WaitForBot = keys.TryGetValue("wait_for_bot", out var wait) ? file.PositiveDuration(wait, "wait_for_bot") : DefaultWaitForBot,
            Utterances = utterances,
            Dtmf = keys.TryGetValue("dtmf", out var dtmf) ? DtmfList(file, dtmf) : [],
            HangupAt = keys.TryGetValue("hangup_at", out var hangup) ? file.PositiveDuration(hangup, "hangup_at") : null,
        };
    }

    private static (string Path, int SampleRate, TimeSpan Duration) ReadAudio(TimelineFile file, YamlNode node, string folder)
    {
        var name = file.Text(node, "audio");
        var path = Path.GetFullPath(name, folder);
        if (!File.Exists(path))
        {
            throw file.Error(node, $"audio file '{name}' not found (looked for {path})");
        }

        var bytes = File.ReadAllBytes(path);
        WavFile wav;
        try
        {
            wav = WavFile.Parse(bytes, name);
        }
        catch (FormatException e)
        {
            throw file.Error(node, $"audio must be a 16-bit PCM WAV file: {e.Message}", e);
        }

        if (WavHeader.Channels(bytes) is { } channels and not 1)
        {
            throw file.Error(node, $"audio '{name}' must be mono, not {channels} channels");
        }

        if (wav.SampleRate is not (8000 or 16000))
        {
            throw file.Error(node, $"audio '{name}' must be 8 or 16 kHz, not {wav.SampleRate} Hz");
        }

        return (path, wav.SampleRate, wav.Duration);
    }

    private static List<CallerUtterance> Utterances(TimelineFile file, YamlNode node, TimeSpan audioDuration)
    {
        if (node is not YamlSequenceNode list)
        {
            throw file.Error(node, "'utterances' must be a list of utterances");
        }

        var utterances = new List<CallerUtterance>(list.Children.Count);
        foreach (var item in list.Children)
        {
            var map = item as YamlMappingNode ?? throw file.Error(item, "an utterance must be a mapping (start, end, kind)");
            var keys = file.Keys(map, UtteranceKeys, "an utterance");
            var startNode = file.Required(keys, "start", map, "an utterance");
            var endNode = file.Required(keys, "end", map, "an utterance");
            var start = file.Duration(startNode, "start");
            var end = file.Duration(endNode, "end");
            if (end <= start)
            {
                throw file.Error(endNode, $"end {Durations.Format(end)} is not after start {Durations.Format(start)}");
            }

            if (end > audioDuration)
            {
                throw file.Error(endNode, $"end {Durations.Format(end)} is past the end of the audio ({Durations.Format(audioDuration)})");
            }

            // Utterances are stretches of one recording: out of order or overlapping means a mistyped time.
            if (utterances.Count > 0 && start < utterances[^1].End)
            {
                var previous = utterances[^1];
                throw file.Error(startNode, start < previous.Start
                    ? $"utterances must be in the order of the audio: start {Durations.Format(start)} is before the previous utterance's ({Durations.Format(previous.Start)})"
                    : $"start {Durations.Format(start)} overlaps the previous utterance, which ends at {Durations.Format(previous.End)}");
            }

            utterances.Add(new CallerUtterance
            {
                Start = start,
                End = end,
                Kind = Kind(file, file.Required(keys, "kind", map, "an utterance")),
                Intent = keys.TryGetValue("intent", out var intent) ? file.Text(intent, "intent") : null,
                Text = keys.TryGetValue("text", out var text) ? file.Text(text, "text") : null,
                Cue = keys.TryGetValue("reactive", out var reactive) ? Cue(file, reactive) : null,
            });
        }

        return utterances;
    }

    private static List<CallerDtmf> DtmfList(TimelineFile file, YamlNode node)
    {
        if (node is not YamlSequenceNode list)
        {
            throw file.Error(node, "'dtmf' must be a list of { at or reactive, digits }");
        }

        var sends = new List<CallerDtmf>(list.Children.Count);
        foreach (var item in list.Children)
        {
            var map = item as YamlMappingNode ?? throw file.Error(item, "a dtmf entry must be a mapping (at or reactive, digits)");
            var keys = file.Keys(map, DtmfKeys, "a dtmf entry");
            var digitsNode = file.Required(keys, "digits", map, "a dtmf entry");
            var digits = file.Text(digitsNode, "digits");
            if (!DtmfDigits().IsMatch(digits))
            {
                throw file.Error(digitsNode, $"'digits' may hold only 0-9, *, # and A-D, not '{digits}'");
            }

            var hasAt = keys.TryGetValue("at", out var at);
            var hasCue = keys.TryGetValue("reactive", out var reactive);
            if (hasAt == hasCue)
            {
                throw file.Error(map, "a dtmf entry needs exactly one of 'at' and 'reactive'");
            }

            sends.Add(new CallerDtmf
            {
                Digits = digits,
                At = hasAt ? file.Duration(at!, "at") : null,
                Cue = hasCue ? Cue(file, reactive!) : null,
            });
        }

        return sends;
    }

    private static ReactiveCue Cue(TimelineFile file, YamlNode node)
    {
        var map = node as YamlMappingNode ?? throw file.Error(node, "'reactive' must be a mapping { after: bot-stops | bot-starts, delay }");
        var keys = file.Keys(map, ReactiveKeys, "'reactive'");
        var afterNode = file.Required(keys, "after", map, "'reactive'");
        var after = file.Text(afterNode, "after") switch
        {
            "bot-stops" => BotTransition.StopsTalking,
            "bot-starts" => BotTransition.StartsTalking,
            var other => throw file.Error(afterNode, $"unknown 'after' value '{other}' (expected bot-stops or bot-starts)"),
        };
        return new ReactiveCue(after, keys.TryGetValue("delay", out var delay) ? file.Duration(delay, "delay") : TimeSpan.Zero);
    }

    private static UtteranceKind Kind(TimelineFile file, YamlNode node) =>
        file.Text(node, "kind") switch
        {
            "request" => UtteranceKind.Request,
            "interruption" => UtteranceKind.Interruption,
            "backchannel" => UtteranceKind.Backchannel,
            "digits" => UtteranceKind.Digits,
            "silence" => UtteranceKind.Silence,
            var other => throw file.Error(node, $"unknown kind '{other}' (expected request, interruption, backchannel, digits or silence)"),
        };

    [GeneratedRegex("^[0-9*#A-D]+$")]
    private static partial Regex DtmfDigits();

    /// <summary>The node readers, each turning a malformed node into an error that points at it.</summary>
    private sealed partial class TimelineFile(string source)
    {
        public YamlMappingNode ReadRoot(TextReader reader)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(reader);
            }
            catch (YamlException e)
            {
                throw new ScenarioException(source, e.Start.Line, e.Start.Column, LocationPrefix().Replace(e.Message, string.Empty), e);
            }

            if (stream.Documents.Count == 0)
            {
                throw new ScenarioException(source, 1, 1, "the timeline is empty");
            }

            if (stream.Documents.Count > 1)
            {
                throw Error(stream.Documents[1].RootNode, "one scenario per file: a second YAML document starts here");
            }

            return stream.Documents[0].RootNode as YamlMappingNode
                ?? throw Error(stream.Documents[0].RootNode, "the timeline must be a mapping (name, audio, utterances...)");
        }

        public Dictionary<string, YamlNode> Keys(YamlMappingNode map, string[] allowed, string where)
        {
            // Duplicate keys never get here: YamlDotNet refuses them while loading, with their position.
            var keys = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in map.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } key } || !allowed.Contains(key, StringComparer.Ordinal))
                {
                    throw Error(keyNode, $"unknown key {Describe(keyNode)} in {where} (expected one of: {string.Join(", ", allowed)})");
                }

                keys[key] = value;
            }

            return keys;
        }

        public YamlNode Required(Dictionary<string, YamlNode> keys, string key, YamlMappingNode map, string where) =>
            keys.TryGetValue(key, out var value) ? value : throw Error(map, $"{where} is missing '{key}'");

        public string Text(YamlNode node, string key)
        {
            if (node is not YamlScalarNode scalar)
            {
                throw Error(node, $"'{key}' must be text");
            }

            return string.IsNullOrWhiteSpace(scalar.Value) ? throw Error(node, $"'{key}' is empty") : scalar.Value.Trim();
        }

        public TimeSpan Duration(YamlNode node, string key) =>
            node is YamlScalarNode { Value: var text } && Durations.TryParse(text, out var duration)
                ? duration
                : throw Error(node, $"'{key}' must be a duration such as 300ms, 1.5s or 2 (seconds), not {Describe(node)}");

        public TimeSpan PositiveDuration(YamlNode node, string key)
        {
            var duration = Duration(node, key);
            return duration > TimeSpan.Zero ? duration : throw Error(node, $"'{key}' must be longer than 0");
        }

        private static string Describe(YamlNode node) =>
            node is YamlScalarNode scalar ? $"'{scalar.Value}'" : $"a {node.NodeType.ToString().ToLowerInvariant()}";

        public ScenarioException Error(YamlNode node, string reason, Exception? inner = null) =>
            new(source, node.Start.Line, node.Start.Column, reason, inner);

        /// <summary>YamlDotNet prefixes its messages with "(Line: 3, Col: 1, Idx: 20) - (Line: …): "; ours carry the location once.</summary>
        [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
        private static partial Regex LocationPrefix();
    }
}

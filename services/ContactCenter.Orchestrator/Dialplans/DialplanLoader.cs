using System.Text.RegularExpressions;
using ContactCenter.Contracts.Conversation;
using ContactCenter.Orchestrator.Intents;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContactCenter.Orchestrator.Dialplans;

/// <summary>
/// Reads a dialplan YAML file into a <see cref="Dialplan"/>, refusing anything it would not use with a
/// "file:line:column: reason" error at the offending node. It reads YamlDotNet's representation model
/// (https://github.com/aaubry/YamlDotNet/wiki/Samples.LoadingAYamlStream) rather than deserialising into
/// classes because only the node tree keeps each node's <see cref="Mark"/>, which the error messages need.
/// The orchestrator issue replaces the hand-written checks with a JSON Schema and adds versions and hot reload.
/// </summary>
public static partial class DialplanLoader
{
    private static readonly string[] DialplanKeys = ["name", "greeting", "fallback", "backchannels", "intents"];
    private static readonly string[] IntentKeys = ["name", "phrases", "say", "then", "bargeable", "target"];

    /// <summary>Loads and validates the dialplan at <paramref name="path"/>; errors name the path as given.</summary>
    /// <exception cref="DialplanException">The file is not valid YAML or not a valid dialplan.</exception>
    public static Dialplan Load(string path)
    {
        using var reader = File.OpenText(path);
        return Parse(reader, path);
    }

    /// <summary>Parses and validates a dialplan; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="DialplanException">The text is not valid YAML or not a valid dialplan.</exception>
    public static Dialplan Parse(TextReader reader, string source)
    {
        var root = ReadRoot(reader, source);
        var keys = Keys(root, DialplanKeys, "the dialplan", source);
        var name = Text(Required(keys, "name", root, "the dialplan", source), "name", source);
        var greeting = Text(Required(keys, "greeting", root, "the dialplan", source), "greeting", source);
        var fallback = Text(Required(keys, "fallback", root, "the dialplan", source), "fallback", source);
        var backchannels = keys.TryGetValue("backchannels", out var flag) && Flag(flag, "backchannels", source);
        return new Dialplan
        {
            Source = source,
            Name = name,
            Greeting = greeting,
            Fallback = fallback,
            Backchannels = backchannels,
            Intents = Intents(Required(keys, "intents", root, "the dialplan", source), source),
        };
    }

    private static YamlMappingNode ReadRoot(TextReader reader, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new DialplanException(source, e.Start.Line, e.Start.Column, WithoutLocation(e.Message), e);
        }

        if (stream.Documents.Count == 0)
        {
            throw new DialplanException(source, 1, 1, "the dialplan is empty");
        }

        if (stream.Documents.Count > 1)
        {
            throw Error(stream.Documents[1].RootNode, "one dialplan per file: a second YAML document starts here", source);
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw Error(stream.Documents[0].RootNode, "the dialplan must be a mapping (name, greeting, fallback, intents)", source);
    }

    private static List<DialplanIntent> Intents(YamlNode node, string source)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            throw Error(node, "'intents' must be a non-empty list of intents", source);
        }

        var intents = new List<DialplanIntent>(list.Children.Count);
        var names = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var item in list.Children)
        {
            var intent = Intent(item, source);
            var nameNode = ((YamlMappingNode)item).Children[new YamlScalarNode("name")];
            if (!names.TryAdd(intent.Name, nameNode))
            {
                var first = names[intent.Name].Start;
                throw Error(nameNode, $"duplicate intent name '{intent.Name}' (first defined at {first.Line}:{first.Column})", source);
            }

            intents.Add(intent);
        }

        return intents;
    }

    private static DialplanIntent Intent(YamlNode node, string source)
    {
        if (node is not YamlMappingNode map)
        {
            throw Error(node, "an intent must be a mapping (name, phrases, say, then)", source);
        }

        var keys = Keys(map, IntentKeys, "an intent", source);
        var name = Text(Required(keys, "name", map, "an intent", source), "name", source);
        var where = $"intent '{name}'";
        var then = keys.TryGetValue("then", out var thenNode) ? FollowUp(thenNode, source) : PromptFollowUp.Listen;
        string? target = null;
        if (keys.TryGetValue("target", out var targetNode))
        {
            target = Text(targetNode, "target", source);
            if (then != PromptFollowUp.TransferToAgent)
            {
                throw Error(targetNode, "'target' is only used with 'then: transfer'", source);
            }

            if (!target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) && !target.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
            {
                throw Error(targetNode, $"'target' must be a SIP URI (sip:user@host), not '{target}'", source);
            }
        }

        return new DialplanIntent
        {
            Name = name,
            Phrases = Phrases(Required(keys, "phrases", map, where, source), source),
            Say = Text(Required(keys, "say", map, where, source), "say", source),
            Then = then,
            Bargeable = !keys.TryGetValue("bargeable", out var bargeable) || Flag(bargeable, "bargeable", source),
            Target = target,
        };
    }

    private static List<string> Phrases(YamlNode node, string source)
    {
        if (node is not YamlSequenceNode list)
        {
            throw Error(node, "'phrases' must be a list of phrases", source);
        }

        if (list.Children.Count == 0)
        {
            throw Error(node, "'phrases' is empty: an intent needs at least one phrase", source);
        }

        var phrases = new List<string>(list.Children.Count);
        foreach (var item in list.Children)
        {
            var phrase = Text(item, "phrase", source);
            // A phrase of punctuation only would normalise to nothing and then match every transcript.
            if (TranscriptNormalizer.Normalize(phrase).Length == 0)
            {
                throw Error(item, $"phrase '{phrase}' has no words", source);
            }

            phrases.Add(phrase);
        }

        return phrases;
    }

    private static PromptFollowUp FollowUp(YamlNode node, string source) =>
        Text(node, "then", source) switch
        {
            "listen" => PromptFollowUp.Listen,
            "transfer" => PromptFollowUp.TransferToAgent,
            "hangup" => PromptFollowUp.HangUp,
            var other => throw Error(node, $"unknown 'then' value '{other}' (expected listen, transfer or hangup)", source),
        };

    /// <summary>YAML 1.2 core-schema booleans only: "yes"/"on" are YAML 1.1 and read as text by other tools.</summary>
    private static bool Flag(YamlNode node, string key, string source) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } value } && bool.TryParse(value, out var flag)
            ? flag
            : throw Error(node, $"'{key}' must be true or false", source);

    private static string Text(YamlNode node, string key, string source)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw Error(node, $"'{key}' must be text", source);
        }

        return string.IsNullOrWhiteSpace(scalar.Value)
            ? throw Error(node, $"'{key}' is empty", source)
            : scalar.Value.Trim();
    }

    private static Dictionary<string, YamlNode> Keys(YamlMappingNode map, string[] allowed, string where, string source)
    {
        // Duplicate keys never get here: YamlDotNet refuses them while loading, with their position.
        var keys = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw Error(keyNode, $"the keys of {where} must be plain names", source);
            }

            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw Error(keyNode, $"unknown key '{key}' in {where} (expected one of: {string.Join(", ", allowed)})", source);
            }

            keys[key] = value;
        }

        return keys;
    }

    private static YamlNode Required(Dictionary<string, YamlNode> keys, string key, YamlMappingNode map, string where, string source) =>
        keys.TryGetValue(key, out var value) ? value : throw Error(map, $"{where} is missing '{key}'", source);

    private static DialplanException Error(YamlNode node, string reason, string source) =>
        new(source, node.Start.Line, node.Start.Column, reason);

    /// <summary>YamlDotNet prefixes its messages with "(Line: 3, Col: 1, Idx: 20) - (Line: …): "; ours carry the location once.</summary>
    private static string WithoutLocation(string message) => LocationPrefix().Replace(message, string.Empty);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex LocationPrefix();
}

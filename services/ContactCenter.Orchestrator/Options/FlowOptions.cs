using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Orchestrator.Options;

/// <summary>The sample flow's settings (configuration section "Flow").</summary>
public sealed class FlowOptions
{
    public const string SectionName = "Flow";

    /// <summary>
    /// The dialplan YAML file. A relative path is looked up in the working directory first (where
    /// `./contactcenter run` starts the host, at the repository root), then beside the binary.
    /// </summary>
    [Required]
    public string Dialplan { get; set; } = "dialplans/sample.yaml";
}

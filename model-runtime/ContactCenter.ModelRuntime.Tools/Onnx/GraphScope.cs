using ContactCenter.ModelRuntime.Tools.Onnx.Proto;

namespace ContactCenter.ModelRuntime.Tools.Onnx;

/// <summary>
/// A graph together with the graphs that enclose it. ONNX subgraphs (the branches of If, the bodies of Loop and
/// Scan) may read any value of an enclosing graph by name (onnx.proto, GraphProto; IR.md "Names Within a Graph"),
/// so "who uses this value" has to look into nested graphs, and "where is this initializer" up the chain.
/// Scopes are cheap views built on demand: the nodes are mutated while rewriting, so nothing is cached.
/// </summary>
internal sealed class GraphScope
{
    public GraphScope(GraphProto graph, GraphScope? parent = null)
    {
        Graph = graph;
        Parent = parent;
    }

    public GraphProto Graph { get; }

    public GraphScope? Parent { get; }

    /// <summary>The graphs held by the attributes of this graph's nodes (one level down).</summary>
    public IEnumerable<GraphScope> Children =>
        Graph.Node.SelectMany(SubgraphsOf).Select(graph => new GraphScope(graph, this));

    /// <summary>This graph and every graph nested in it, outermost first.</summary>
    public IEnumerable<GraphScope> SelfAndDescendants()
    {
        yield return this;
        foreach (GraphScope child in Children)
        {
            foreach (GraphScope scope in child.SelfAndDescendants())
            {
                yield return scope;
            }
        }
    }

    public static IEnumerable<GraphProto> SubgraphsOf(NodeProto node)
    {
        foreach (AttributeProto attribute in node.Attribute)
        {
            if (attribute.G is not null)
            {
                yield return attribute.G;
            }

            foreach (GraphProto graph in attribute.Graphs)
            {
                yield return graph;
            }
        }
    }

    /// <summary>The initializer of that name visible from this graph (this one first, then the enclosing ones).</summary>
    public TensorProto? FindInitializer(string name)
    {
        for (GraphScope? scope = this; scope is not null; scope = scope.Parent)
        {
            foreach (TensorProto tensor in scope.Graph.Initializer)
            {
                if (tensor.Name == name)
                {
                    return tensor;
                }
            }
        }

        return null;
    }

    /// <summary>The graph whose initializer list holds <paramref name="tensor"/>.</summary>
    public GraphScope OwnerOf(TensorProto tensor)
    {
        for (GraphScope? scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.Graph.Initializer.Contains(tensor))
            {
                return scope;
            }
        }

        throw new InvalidOperationException($"{tensor.Name} is not an initializer visible from this graph.");
    }

    /// <summary>The node of this graph that produces <paramref name="name"/>, if any.</summary>
    public NodeProto? FindProducer(string name) => Graph.Node.FirstOrDefault(node => node.Output.Contains(name));

    /// <summary>The nodes of this graph that read <paramref name="name"/> directly.</summary>
    public IEnumerable<NodeProto> Consumers(string name) => Graph.Node.Where(node => node.Input.Contains(name));

    /// <summary>
    /// How many times <paramref name="name"/> is read in this graph and every graph nested in it: as a node input
    /// or as a graph output (a subgraph may hand an outer value straight out).
    /// </summary>
    public int CountUses(string name)
    {
        int uses = 0;
        foreach (GraphScope scope in SelfAndDescendants())
        {
            foreach (NodeProto node in scope.Graph.Node)
            {
                foreach (string input in node.Input)
                {
                    if (input == name)
                    {
                        uses++;
                    }
                }
            }

            foreach (ValueInfoProto output in scope.Graph.Output)
            {
                if (output.Name == name)
                {
                    uses++;
                }
            }
        }

        return uses;
    }

    /// <summary>True when <paramref name="name"/> is an output of this graph or of a graph nested in it.</summary>
    public bool IsGraphOutput(string name) =>
        SelfAndDescendants().Any(scope => scope.Graph.Output.Any(output => output.Name == name));

    /// <summary>Makes every node of this graph and its nested graphs read <paramref name="to"/> instead of <paramref name="from"/>.</summary>
    public void RenameUses(string from, string to)
    {
        foreach (GraphScope scope in SelfAndDescendants())
        {
            foreach (NodeProto node in scope.Graph.Node)
            {
                for (int i = 0; i < node.Input.Count; i++)
                {
                    if (node.Input[i] == from)
                    {
                        node.Input[i] = to;
                    }
                }
            }
        }
    }
}

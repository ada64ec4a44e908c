//! Builtin operators: the operators of TLA+ itself and of the standard modules
//! (Naturals, Integers, Reals, Sequences, FiniteSets, Bags, TLC, TLCExt, Randomization),
//! plus native versions of a few community-module operators. Names are resolved to a
//! [`Builtin`] at compile time.

/// A builtin operator.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    // core
    Subset,
    Union,
    Domain,
    Cup,
    Cap,
    SetMinus,
    SubsetEq,
    Times,
    Boolean,
    StringSet,
    // Naturals / Integers / Reals
    Plus,
    Minus,
    Mul,
    Pow,
    Lt,
    Gt,
    Le,
    Ge,
    Mod,
    Div,
    Range,
    Nat,
    Neg,
    Int,
    Real,
    RealDiv,
    Infinity,
    // Sequences
    Seq,
    Len,
    Concat,
    Append,
    Head,
    Tail,
    SubSeq,
    SelectSeq,
    // FiniteSets
    IsFiniteSet,
    Cardinality,
    // Bags
    IsABag,
    BagToSet,
    SetToBag,
    BagIn,
    EmptyBag,
    BagPlus,
    BagMinus,
    BagUnion,
    SqSubsetEq,
    SubBag,
    BagOfAll,
    BagCardinality,
    CopiesIn,
    // TLC
    ColonGt,
    AtAt,
    Print,
    PrintT,
    Assert,
    JavaTime,
    TLCGet,
    TLCSet,
    Permutations,
    SortSeq,
    RandomElement,
    Any,
    ToString,
    TLCEval,
    // TLCExt
    AssertEq,
    AssertError,
    TLCModelValue,
    TLCCache,
    // Randomization
    RandomSubset,
    RandomSetOfSubsets,
    RandomSubsetSet,
    // community modules (native versions of TLA+ definitions)
    FoldSet,
    FoldFunction,
    FoldFunctionOnSet,
    FoldSeq,
    FoldLeft,
    FoldRight,
    MapThenFoldSet,
    SetToSeq,
    SetToSortSeq,
    ToSet,
    Range_,
    IsInjective,
    Max,
    Min,
    ConnectedComponents,
    IsStronglyConnected,
    DyadicReduce,
    /// Graphs!SimplePath (community.rs).
    GraphSimplePath,
    /// Graphs!AreConnectedIn.
    GraphAreConnectedIn,
    /// Graphs!IsStronglyConnected.
    GraphIsStronglyConnected,
    /// UndirectedGraphs!SimplePath.
    UGraphSimplePath,
    /// UndirectedGraphs!AreConnectedIn.
    UGraphAreConnectedIn,
}

/// `(name, arity, op_param_positions)` of the builtins a standard module exports.
pub(crate) fn module_builtins(module: &str) -> Option<Vec<(&'static str, Builtin)>> {
    use Builtin::*;
    let naturals: Vec<(&'static str, Builtin)> = vec![
        ("+", Plus),
        ("-", Minus),
        ("*", Mul),
        ("^", Pow),
        ("<", Lt),
        (">", Gt),
        ("<=", Le),
        (">=", Ge),
        ("%", Mod),
        ("\\div", Div),
        ("..", Range),
        ("Nat", Nat),
    ];
    let mut integers = naturals.clone();
    integers.extend([("-.", Neg), ("Int", Int)]);
    Some(match module {
        "Naturals" => naturals,
        "Integers" => integers,
        "Reals" => {
            let mut r = integers;
            r.extend([("Real", Real), ("/", RealDiv), ("Infinity", Infinity)]);
            r
        }
        "Sequences" => {
            let mut s = naturals;
            s.extend([
                ("Seq", Seq),
                ("Len", Len),
                ("\\o", Concat),
                ("Append", Append),
                ("Head", Head),
                ("Tail", Tail),
                ("SubSeq", SubSeq),
                ("SelectSeq", SelectSeq),
            ]);
            s
        }
        "FiniteSets" => vec![("IsFiniteSet", IsFiniteSet), ("Cardinality", Cardinality)],
        "Bags" => vec![
            ("IsABag", IsABag),
            ("BagToSet", BagToSet),
            ("SetToBag", SetToBag),
            ("BagIn", BagIn),
            ("EmptyBag", EmptyBag),
            ("\\oplus", BagPlus),
            ("\\ominus", BagMinus),
            ("BagUnion", BagUnion),
            ("\\sqsubseteq", SqSubsetEq),
            ("SubBag", SubBag),
            ("BagOfAll", BagOfAll),
            ("BagCardinality", BagCardinality),
            ("CopiesIn", CopiesIn),
        ],
        "TLC" => vec![
            (":>", ColonGt),
            ("@@", AtAt),
            ("Print", Print),
            ("PrintT", PrintT),
            ("Assert", Assert),
            ("JavaTime", JavaTime),
            ("TLCGet", TLCGet),
            ("TLCSet", TLCSet),
            ("Permutations", Permutations),
            ("SortSeq", SortSeq),
            ("RandomElement", RandomElement),
            ("Any", Any),
            ("ToString", ToString),
            ("TLCEval", TLCEval),
        ],
        "TLCExt" => vec![
            ("AssertEq", AssertEq),
            ("AssertError", AssertError),
            ("TLCModelValue", TLCModelValue),
            ("TLCCache", TLCCache),
        ],
        "Randomization" => vec![
            ("RandomSubset", RandomSubset),
            ("RandomSetOfSubsets", RandomSetOfSubsets),
            ("RandomSubsetSet", RandomSubsetSet),
        ],
        "Toolbox" => vec![],
        _ => return None,
    })
}

/// Native replacements for operators of community modules loaded from TLA+ text
/// (module name, operator name) -> builtin. Only where the result is identical.
pub(crate) fn native_override(module: &str, name: &str) -> Option<Builtin> {
    use Builtin::*;
    Some(match (module, name) {
        ("Folds", "MapThenFoldSet") => MapThenFoldSet,
        ("Functions", "FoldFunction") => FoldFunction,
        ("Functions", "FoldFunctionOnSet") => FoldFunctionOnSet,
        ("FiniteSetsExt", "FoldSet") => FoldSet,
        ("SequencesExt", "FoldSeq") => FoldSeq,
        ("SequencesExt", "FoldLeft") => FoldLeft,
        ("SequencesExt", "FoldRight") => FoldRight,
        ("SequencesExt", "SetToSeq") => SetToSeq,
        ("SequencesExt", "ToSet") => ToSet,
        ("Functions", "Range") => Range_,
        ("Functions", "IsInjective") => IsInjective,
        ("FiniteSetsExt", "Max") => Max,
        ("FiniteSetsExt", "Min") => Min,
        ("UndirectedGraphs", "ConnectedComponents") => ConnectedComponents,
        ("UndirectedGraphs", "IsStronglyConnected") => IsStronglyConnected,
        // The module's brute-force GCD costs O(num^2 + den^2) evaluations per
        // call (Huang); same result, by Euclid (see stdlib::dyadic_reduce).
        ("DyadicRationals", "Reduce") => DyadicReduce,
        // Defined over the infinite set Path(G) (Seq(G.node)); TLC overrides them in
        // Java. Depth-first search / reachability, same results (community::graph_op).
        ("Graphs", "SimplePath") => GraphSimplePath,
        ("Graphs", "AreConnectedIn") => GraphAreConnectedIn,
        ("Graphs", "IsStronglyConnected") => GraphIsStronglyConnected,
        ("UndirectedGraphs", "SimplePath") => UGraphSimplePath,
        ("UndirectedGraphs", "AreConnectedIn") => UGraphAreConnectedIn,
        _ => return None,
    })
}

impl Builtin {
    /// The arity of each parameter that is an operator (0 = value parameter).
    pub(crate) fn op_params(self) -> &'static [usize] {
        use Builtin::*;
        match self {
            SelectSeq => &[0, 1],
            SortSeq => &[0, 2],
            BagOfAll => &[1, 0],
            FoldSet => &[2, 0, 0],
            FoldFunction => &[2, 0, 0],
            FoldFunctionOnSet => &[2, 0, 0, 0],
            FoldSeq => &[2, 0, 0],
            FoldLeft => &[2, 0, 0],
            FoldRight => &[2, 0, 0],
            MapThenFoldSet => &[2, 0, 1, 1, 0],
            SetToSortSeq => &[0, 2],
            _ => &[],
        }
    }

    /// True if some parameter is an operator.
    pub(crate) fn takes_ops(self) -> bool {
        !self.op_params().is_empty()
    }
}

package io.netlingua.dsl.internal;

import io.netlingua.check.ProgramChecker;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.SourceFiles;
import io.netlingua.dsl.Comment;
import io.netlingua.dsl.ParseLimits;
import io.netlingua.dsl.ParseResult;
import io.netlingua.dsl.internal.Decoding.Decoded;
import io.netlingua.dsl.internal.NplGrammarParser.ClusterPolicyDeclContext;
import io.netlingua.dsl.internal.NplGrammarParser.ImportDeclContext;
import io.netlingua.dsl.internal.NplGrammarParser.ItemContext;
import io.netlingua.dsl.internal.NplGrammarParser.LetDeclContext;
import io.netlingua.dsl.internal.NplGrammarParser.NamespaceDirectiveContext;
import io.netlingua.dsl.internal.NplGrammarParser.PolicyDeclContext;
import io.netlingua.model.Definition;
import io.netlingua.model.Import;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.PolicyFile.NamespaceDirective;
import io.netlingua.model.Program;
import io.netlingua.model.SourceSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a program: finds its files, reads and parses each once (imports included), resolves lets and builds
 * the model. One reader serves one call of the public parser.
 */
public final class ProgramReader {
  private static final String EXTENSION = ".npl";
  /** The largest byte array a JVM reliably allocates; a larger file limit is read as this one. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final ParseLimits limits;
  private final FileParser parser;
  private final LetResolver lets;
  private final SourceFiles sources = new SourceFiles();
  private final List<Diagnostic> runDiagnostics = new ArrayList<>();
  /** Every file read, by real path (in-memory text by its name), in the order read. */
  private final Map<Object, FileUnit> units = new LinkedHashMap<>();
  /** The files in the order they were loaded, and how many of them have their lets resolved. */
  private final List<FileUnit> loadOrder = new ArrayList<>();
  private int resolved;

  private ProgramReader(ParseLimits limits) {
    this.limits = limits;
    this.parser = new FileParser(limits);
    this.lets = new LetResolver(limits.maxLetDepth());
  }

  /** A file of the program: where it is, the name diagnostics use, the root its imports stay in. */
  private record ProgramFile(Path real, String name, Path root) {}

  /** Reads the program made of these directories and files. */
  public static ParseResult read(ParseLimits limits, List<Path> paths) {
    ProgramReader reader = new ProgramReader(limits);
    List<ProgramFile> files = new ArrayList<>();
    for (Path p : paths) {
      reader.collect(p, files);
    }
    return reader.readAll(files);
  }

  /**
   * Reads the program made of some files of a directory, that directory being the program's root: the files are
   * named and their imports resolved and bounded as when the whole directory is read, an imported file being read
   * whether or not it is among {@code files}.
   */
  public static ParseResult read(ParseLimits limits, Path root, List<Path> files) {
    ProgramReader reader = new ProgramReader(limits);
    String rootName = display(root);
    Path realRoot;
    try {
      if (!Files.isDirectory(root)) {
        String why = Files.exists(root) ? "not a directory" : "no such directory";
        reader.runDiagnostics.add(unreadable(rootName, why));
        return reader.finish(List.of(), List.of());
      }
      realRoot = root.toRealPath();
    } catch (IOException | UncheckedIOException | SecurityException e) {
      reader.runDiagnostics.add(unreadable(rootName, String.valueOf(e.getMessage())));
      return reader.finish(List.of(), List.of());
    }
    List<ProgramFile> selected = new ArrayList<>();
    for (Path file : files) {
      reader.select(root, rootName, realRoot, file, selected);
    }
    if (files.isEmpty()) {
      reader.runDiagnostics.add(Diagnostic.of(
          Code.NO_SOURCE_FILES, SourceSpan.point(rootName, 1, 1, 0),
          "no " + EXTENSION + " file of the directory '" + rootName + "' is selected"));
    }
    return reader.readAll(selected);
  }

  /** Reads the files found, in sorted name order, each real file once, with the files they import. */
  private ParseResult readAll(List<ProgramFile> files) {
    files.sort(Comparator.comparing(ProgramFile::name));
    Set<Path> seen = new HashSet<>();
    List<PolicyFile> program = new ArrayList<>();
    List<Comment> comments = new ArrayList<>();
    for (ProgramFile f : files) {
      if (seen.add(f.real())) {
        // Each file is read into the model as soon as it and its imports are loaded, and its tree dropped: the
        // trees of a program of many files are never all in memory at once.
        load(f.real(), f.name(), f.root(), null).ifPresent(unit -> {
          program.add(model(unit, comments));
          unit.releaseTree();
        });
      }
    }
    return finish(program, comments);
  }

  /** Reads one file given in memory; it has no folder, so any import in it is reported as missing. */
  public static ParseResult read(ParseLimits limits, String name, String text) {
    ProgramReader reader = new ProgramReader(limits);
    FileUnit unit = reader.unit(null, null, Decoding.text(name, text, limits.maxFileBytes()));
    reader.units.put(name, unit);
    reader.loadOrder.add(unit);
    reader.structure(unit);
    for (ImportDeclContext decl : unit.importDecls) {
      unit.report(
          Code.MISSING_IMPORT, unit.span(decl),
          "cannot import '" + FileUnit.string(decl.STRING().getSymbol()) + "': text given in memory has no folder",
          "parse the files from disk to use imports");
    }
    scope(unit, Map.of());
    List<Comment> comments = new ArrayList<>();
    List<PolicyFile> program = List.of(reader.model(unit, comments));
    return reader.finish(program, comments);
  }

  // -------------------------------------------------------------------------------------- finding files

  /**
   * A file selected under a root, named as the walk of the root names it: the root's name joined with the file's
   * path below the root. A file that is not below the root is refused with NL5005, a link below it to a file outside
   * it skipped with NL5003, as the walk skips it.
   */
  private void select(Path root, String rootName, Path realRoot, Path file, List<ProgramFile> out) {
    String name = display(file);
    Path lexicalRoot = root.toAbsolutePath().normalize();
    Path lexical = file.toAbsolutePath().normalize();
    try {
      if (!Files.isRegularFile(file)) {
        String why = Files.exists(file) ? "not a regular file" : "no such file";
        runDiagnostics.add(unreadable(name, why));
        return;
      }
      Path real = file.toRealPath();
      Path below;
      if (lexical.startsWith(lexicalRoot) && !lexical.equals(lexicalRoot)) {
        below = lexicalRoot.relativize(lexical);
      } else if (real.startsWith(realRoot)) {
        below = realRoot.relativize(real);
      } else {
        runDiagnostics.add(Diagnostic.of(
            Code.FILE_OUTSIDE_ROOT, SourceSpan.point(name, 1, 1, 0),
            "'" + name + "' is not inside the program's root '" + rootName + "'",
            "select only files below the root, or read the program with a root that holds them"));
        return;
      }
      String entryName = join(rootName, below.toString().replace('\\', '/'));
      if (!real.startsWith(realRoot)) {
        runDiagnostics.add(linkOutside(entryName, real));
        return;
      }
      out.add(new ProgramFile(real, entryName, realRoot));
    } catch (IOException | UncheckedIOException | SecurityException e) {
      runDiagnostics.add(unreadable(name, String.valueOf(e.getMessage())));
    }
  }

  private void collect(Path given, List<ProgramFile> out) {
    String name = display(given);
    try {
      if (Files.isDirectory(given)) {
        Path root = given.toRealPath();
        int before = out.size();
        Set<Path> visited = new HashSet<>();
        visited.add(root);
        walk(given, name, root, visited, out);
        if (out.size() == before) {
          runDiagnostics.add(Diagnostic.of(
              Code.NO_SOURCE_FILES, SourceSpan.point(name, 1, 1, 0),
              "the directory '" + name + "' holds no " + EXTENSION + " file"));
        }
      } else if (Files.isRegularFile(given)) {
        Path real = given.toRealPath();
        out.add(new ProgramFile(real, name, real.getParent()));
      } else {
        String why = Files.exists(given) ? "not a regular file" : "no such file or directory";
        runDiagnostics.add(unreadable(name, why));
      }
    } catch (IOException | UncheckedIOException | SecurityException e) {
      runDiagnostics.add(unreadable(name, String.valueOf(e.getMessage())));
    }
  }

  /** Every .npl file below a directory; links are followed only while they stay inside the root. */
  private void walk(Path dir, String name, Path root, Set<Path> visited, List<ProgramFile> out)
      throws IOException {
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries = list.sorted().toList();
    }
    for (Path entry : entries) {
      String entryName = join(name, entry.getFileName().toString());
      Path real;
      try {
        real = entry.toRealPath();
      } catch (IOException e) {
        // A dangling link names nothing to read.
        continue;
      }
      if (Files.isSymbolicLink(entry) && !real.startsWith(root)) {
        runDiagnostics.add(linkOutside(entryName, real));
        continue;
      }
      if (Files.isDirectory(real)) {
        if (visited.add(real)) {
          try {
            walk(entry, entryName, root, visited, out);
          } catch (IOException | UncheckedIOException | SecurityException e) {
            runDiagnostics.add(unreadable(entryName, String.valueOf(e.getMessage())));
          }
        }
      } else if (Files.isRegularFile(real) && entryName.endsWith(EXTENSION)) {
        out.add(new ProgramFile(real, entryName, root));
      }
    }
  }

  private static Diagnostic linkOutside(String name, Path real) {
    return Diagnostic.of(
        Code.LINK_OUTSIDE_ROOT, SourceSpan.point(name, 1, 1, 0),
        "'" + name + "' is a symbolic link to '" + real + "', outside the directory: not followed");
  }

  private static Diagnostic unreadable(String name, String why) {
    return Diagnostic.of(
        Code.UNREADABLE_PATH, SourceSpan.point(name, 1, 1, 0), "cannot read '" + name + "': " + why);
  }

  /** A path as the user gave it, normalized, with '/' separators. */
  private static String display(Path p) {
    String s = p.normalize().toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }

  private static String join(String dir, String child) {
    return ".".equals(dir) ? child : dir.endsWith("/") ? dir + child : dir + "/" + child;
  }

  // ------------------------------------------------------------------------------------- reading files

  /**
   * Reads, parses and structures a file and, depth first, the files it imports. Empty when the file cannot be
   * read; {@code importer} (null for a program file) then receives NL2031, otherwise the run gets NL5001.
   */
  private Optional<FileUnit> load(Path real, String name, Path root, FileUnit importer) {
    FileUnit cached = units.get(real);
    if (cached != null) {
      return Optional.of(cached);
    }
    // Never more than one byte past the limit is read: that byte is how an over-long file shows.
    long limit = Math.min(limits.maxFileBytes(), MAX_ARRAY - 1);
    byte[] bytes;
    try (InputStream in = Files.newInputStream(real)) {
      bytes = in.readNBytes((int) (limit + 1));
    } catch (IOException | SecurityException e) {
      if (importer == null) {
        runDiagnostics.add(unreadable(name, String.valueOf(e.getMessage())));
      }
      return Optional.empty();
    }
    FileUnit unit = unit(real, root, Decoding.decode(name, bytes, limit));
    units.put(real, unit);
    loadOrder.add(unit);
    structure(unit);
    unit.loading = true;
    Map<ImportDeclContext, FileUnit> imported = new LinkedHashMap<>();
    for (ImportDeclContext decl : unit.importDecls) {
      importFile(unit, decl).ifPresent(u -> imported.put(decl, u));
    }
    unit.loading = false;
    scope(unit, imported);
    return Optional.of(unit);
  }

  /** Decodes and parses; a file that cannot be decoded gets an empty tree and its NL1001 or NL1010. */
  private FileUnit unit(Path real, Path root, Decoded decoded) {
    SourceFile source = decoded.file();
    sources.put(source.name(), source.text());
    if (decoded.problem().isPresent()) {
      List<Diagnostic> problem = List.of(decoded.problem().get());
      return new FileUnit(real, root, FileParser.ParsedFile.unparsed(source, problem, List.of()));
    }
    return new FileUnit(real, root, parser.parse(source));
  }

  /** Checks an import and reads the file it names; NL2030, NL2031 or NL2032 at the import otherwise. */
  private Optional<FileUnit> importFile(FileUnit unit, ImportDeclContext decl) {
    String path = FileUnit.string(decl.STRING().getSymbol());
    SourceSpan span = unit.span(decl);
    if (!path.endsWith(EXTENSION) || path.length() == EXTENSION.length()) {
      unit.report(Code.IMPORT_OUTSIDE_ROOT, span, "'" + Names.shorten(path) + "' names no " + EXTENSION + " file");
      return Optional.empty();
    }
    Path target;
    try {
      Path relative = Path.of(path);
      if (relative.isAbsolute()) {
        unit.report(
            Code.IMPORT_OUTSIDE_ROOT, span, "'" + path + "' is absolute: an import is relative to its file");
        return Optional.empty();
      }
      target = unit.path.getParent().resolve(relative).normalize();
    } catch (InvalidPathException e) {
      unit.report(Code.IMPORT_OUTSIDE_ROOT, span, "'" + Names.shorten(path) + "' is not a valid path");
      return Optional.empty();
    }
    if (!target.startsWith(unit.root)) {
      unit.report(
          Code.IMPORT_OUTSIDE_ROOT, span, "'" + path + "' leaves the program's root",
          "an import names a file inside the directory being compiled");
      return Optional.empty();
    }
    if (!Files.exists(target)) {
      unit.report(Code.MISSING_IMPORT, span, "cannot import '" + path + "': no such file");
      return Optional.empty();
    }
    if (!Files.isRegularFile(target)) {
      unit.report(Code.IMPORT_OUTSIDE_ROOT, span, "'" + path + "' is not a regular file");
      return Optional.empty();
    }
    Path real;
    try {
      real = target.toRealPath();
    } catch (IOException | SecurityException e) {
      unit.report(Code.MISSING_IMPORT, span, "cannot import '" + path + "': " + e.getMessage());
      return Optional.empty();
    }
    if (!real.startsWith(unit.root)) {
      unit.report(
          Code.IMPORT_OUTSIDE_ROOT, span, "'" + path + "' is a link that leaves the program's root",
          "an import names a file inside the directory being compiled");
      return Optional.empty();
    }
    FileUnit cached = units.get(real);
    if (cached != null && cached.loading) {
      unit.report(
          Code.IMPORT_CYCLE, span, "importing '" + path + "' closes a cycle: '" + cached.name() + "' imports "
              + (cached == unit ? "itself" : "this file, directly or not"));
      // Its lets are known already; keeping them in scope spares the user a cascade of unknown names.
      return cached == unit ? Optional.empty() : Optional.of(cached);
    }
    String name = display(Path.of(unit.name()).resolveSibling(path));
    Optional<FileUnit> loaded = load(real, name, unit.root, unit);
    if (loaded.isEmpty()) {
      unit.report(Code.MISSING_IMPORT, span, "cannot import '" + path + "': the file cannot be read");
    }
    return loaded;
  }

  /** The top level of a file: directive, imports, lets and policies, with their placement rules. */
  private void structure(FileUnit unit) {
    NplGrammarParser.FileContext tree = unit.parsed.tree();
    if (tree == null) {
      return;
    }
    boolean policySeen = false;
    boolean letOrPolicySeen = false;
    for (ItemContext item : tree.item()) {
      boolean broken = unit.hasError(item);
      if (item instanceof LetDeclContext) {
        LetDeclContext let = (LetDeclContext) item;
        if (broken) {
          if (let.word() != null) {
            unit.brokenLets.add(FileUnit.text(let.word()));
          }
        } else {
          let(unit, let);
        }
        letOrPolicySeen = true;
      } else if (item instanceof PolicyDeclContext || item instanceof ClusterPolicyDeclContext) {
        if (!broken) {
          unit.policies.add(item);
        }
        policySeen = true;
        letOrPolicySeen = true;
      } else if (broken) {
        continue;
      } else if (item instanceof NamespaceDirectiveContext) {
        NamespaceDirectiveContext d = (NamespaceDirectiveContext) item;
        // The first directive is the file's default namespace even when misplaced, so that its policies
        // do not also get NL2007.
        if (unit.namespace.isPresent()) {
          unit.report(
              Code.MISPLACED_NAMESPACE, unit.span(d), "a second namespace directive",
              "a file has one default namespace; use 'in namespace NS' on a policy for another");
        } else {
          if (policySeen) {
            unit.report(
                Code.MISPLACED_NAMESPACE, unit.span(d), "the namespace directive comes after a policy",
                "move it to the top of the file");
          }
          unit.namespace = Optional.of(new NamespaceDirective(FileUnit.text(d.word()), unit.span(d)));
        }
      } else {
        ImportDeclContext d = (ImportDeclContext) item;
        if (letOrPolicySeen) {
          unit.report(
              Code.MISPLACED_IMPORT, unit.span(d), "an import after a let or a policy",
              "move imports to the top of the file");
        }
        unit.imports.add(new Import(FileUnit.string(d.STRING().getSymbol()), unit.span(d)));
        unit.importDecls.add(d);
      }
    }
  }

  private static void let(FileUnit unit, LetDeclContext ctx) {
    String name = FileUnit.text(ctx.word());
    SourceSpan nameSpan = unit.span(ctx.word());
    if (Names.RESERVED.contains(name)) {
      unit.report(
          Code.RESERVED_LET_NAME, nameSpan, "'" + name + "' is a reserved word and cannot name a let",
          "choose another name, e.g. '" + name + "-peers'");
      return;
    }
    Names.problem(name).ifPresent(problem -> unit.report(Code.INVALID_NAME, nameSpan, problem));
    LetDecl existing = unit.ownLets.get(name);
    if (existing != null) {
      unit.report(
          Code.DUPLICATE_LET, nameSpan,
          "let '" + name + "' is defined twice (first at line " + existing.span.line() + ")");
      return;
    }
    unit.ownLets.put(name, new LetDecl(unit, name, ctx, unit.span(ctx)));
  }

  /** The lets visible in a file: its own, then the own lets of each file it imports (NL2003 on a clash). */
  private static void scope(FileUnit unit, Map<ImportDeclContext, FileUnit> imported) {
    unit.scope.putAll(unit.ownLets);
    Map<String, FileUnit> importedFrom = new HashMap<>();
    for (Map.Entry<ImportDeclContext, FileUnit> entry : imported.entrySet()) {
      FileUnit other = entry.getValue();
      unit.brokenLets.addAll(other.brokenLets);
      for (LetDecl let : other.ownLets.values()) {
        LetDecl existing = unit.scope.get(let.name);
        if (existing == null) {
          unit.scope.put(let.name, let);
          importedFrom.put(let.name, other);
        } else if (existing.unit == unit) {
          unit.report(
              Code.DUPLICATE_LET, unit.span(existing.ctx.word()),
              "let '" + let.name + "' is also defined in '" + other.name() + "', which this file imports");
        } else if (existing != let) {
          unit.report(
              Code.DUPLICATE_LET, unit.span(entry.getKey()),
              "let '" + let.name + "' is defined both in '" + importedFrom.get(let.name).name() + "' and in '"
                  + other.name() + "'");
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------- the model

  /**
   * The model of one file of the program, its comments added to {@code comments}. Its lets are resolved first, and
   * so are those of the files it imports (loaded with it), so that its tree may be dropped afterwards.
   */
  private PolicyFile model(FileUnit unit, List<Comment> comments) {
    resolveLoaded();
    PolicyReader reader = new PolicyReader(unit, lets);
    List<Policy> policies = new ArrayList<>();
    for (var ctx : unit.policies) {
      reader.read(ctx).ifPresent(policies::add);
    }
    List<Definition> definitions = new ArrayList<>();
    for (LetDecl let : unit.ownLets.values()) {
      if (let.definition != null) {
        definitions.add(let.definition);
      }
    }
    comments.addAll(unit.parsed.comments());
    return new PolicyFile(unit.name(), unit.namespace, unit.imports, definitions, policies);
  }

  /** Resolves the lets of every file loaded since the last call, in load order (each file once). */
  private void resolveLoaded() {
    for (; resolved < loadOrder.size(); resolved++) {
      lets.resolve(loadOrder.get(resolved));
    }
  }

  private ParseResult finish(List<PolicyFile> files, List<Comment> comments) {
    resolveLoaded();
    List<Diagnostic> diagnostics = new ArrayList<>(runDiagnostics);
    for (FileUnit unit : units.values()) {
      diagnostics.addAll(unit.diagnostics);
    }
    Program model = new Program(files);
    // The model-level checks (duplicates, directions, ports, label syntax, regexes, ...) live in core.
    diagnostics.addAll(ProgramChecker.check(model));
    return new ParseResult(model, diagnostics, sources, comments);
  }
}

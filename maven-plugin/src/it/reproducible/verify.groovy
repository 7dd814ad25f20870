// attach with project.build.outputTimestamp: two builds of the jar, the second after a clean (the first jar saved in
// first/ before it), give the same bytes, although the second wrote every manifest anew; every entry carries the
// configured time, and the manifests carry none of their own.
import java.security.MessageDigest
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.util.zip.ZipFile

def first = new File(basedir, 'first/reproducible-1.0.jar')
def second = new File(basedir, 'target/reproducible-1.0.jar')
assert first.isFile() : 'the profile save-jar did not save the first jar'
assert second.isFile()

def builds = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 2
// The second build cleaned, then compiled again (no state file left to say nothing changed) and packaged.
assert builds[1].contains('[copy] Copying 1 file to ')
assert builds[1].indexOf('[copy] Copying 1 file to ') < builds[1].indexOf('Deleting ' + new File(basedir, 'target').canonicalPath)
builds.each { b ->
  assert b.contains('netlingua kubernetes 1.35: 1 object(s) in ')
  assert b.contains('netlingua calico 3.32: 2 object(s) in ')
  assert b.contains('Building jar: ')
  assert !b.contains('nothing changed')
}
// The manifests of the second build are younger than the first jar (kept with its modification time).
def web = new File(basedir, 'target/generated-resources/netlingua/kubernetes/shop/web.yaml')
assert web.lastModified() > first.lastModified()

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
assert sha256(first) == sha256(second) : 'the two builds gave different jars'

// The jar plugin wrote every entry's DOS time as the configured timestamp in UTC (no extended timestamp field).
def configured = new groovy.xml.XmlSlurper().parse(new File(basedir, 'pom.xml'))
    .properties.'project.build.outputTimestamp'.text()
def expected = OffsetDateTime.parse(configured).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
def manifests = ['calico/kustomization.yaml', 'calico/shop-web.yaml', 'calico/tiers/apps.yaml',
                 'kubernetes/kustomization.yaml', 'kubernetes/shop/web.yaml']
new ZipFile(second).withCloseable { zip ->
  def names = zip.entries().toList().collect { it.name }
  assert names.containsAll(manifests)
  zip.entries().each { e -> assert e.timeLocal == expected : "${e.name}: ${e.timeLocal}, not ${expected}" }
  manifests.each { name ->
    def text = zip.getInputStream(zip.getEntry(name)).text
    assert text == new File(basedir, 'target/generated-resources/netlingua/' + name).text
    assert !(text =~ /\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}/) : "${name} holds a date or a time"
  }
  // Nor the folder of the build: each object names its source file relative to the project's folder.
  manifests.findAll { !it.endsWith('kustomization.yaml') && !it.contains('tiers/') }.each { name ->
    def text = zip.getInputStream(zip.getEntry(name)).text
    assert text.contains('netlingua.io/source: src/main/netlingua/shop/web.npl:5\n') : "${name}: ${text}"
    assert !text.contains(basedir.canonicalPath) && !text.contains(basedir.absolutePath)
  }
}
return true

// Five builds of one project (invoker.properties), each after its profile changed the project: an unchanged build
// rewrites nothing; a deleted policy source takes its output and its kustomization entry with it; a deleted output
// folder and an edited output file are regenerated. The invoker appends the five builds to one build.log, in order;
// the profile of each build kept the output of the build before it in target/snapshots/after-N (modification times
// preserved), since this script runs once, after the last build.
def out = new File(basedir, 'target/generated-resources/netlingua')
def snapshots = new File(basedir, 'target/snapshots')
def builds = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 5 : "expected the logs of five builds in build.log, found ${builds.size()}"
builds.eachWithIndex { b, i -> assert b.contains('BUILD SUCCESS') : "build ${i + 1} failed" }

// The files below a folder, by their path relative to it.
def files = { File dir ->
  def found = [:]
  dir.eachFileRecurse(groovy.io.FileType.FILES) { found[dir.toPath().relativize(it.toPath()).toString()] = it }
  found
}
def web = 'kubernetes/shop/web.yaml'
def api = 'kubernetes/shop/api.yaml'
def kustomization = 'kubernetes/kustomization.yaml'

// 1: the first build compiles both policies.
assert builds[0].contains('netlingua kubernetes 1.35: 2 object(s) in ')
def after1 = files(new File(snapshots, 'after-1'))
assert after1.keySet() == [api, kustomization, web] as Set
assert after1[kustomization].text.contains('- shop/api.yaml')
assert after1[kustomization].text.contains('- shop/web.yaml')

// 2: nothing changed: nothing compiled, and every output file has the content and the modification time it had.
assert builds[1].contains('netlingua: nothing changed since the last build, the outputs in ')
assert !builds[1].contains('object(s)')
def after2 = files(new File(snapshots, 'after-2'))
assert after2.keySet() == after1.keySet()
after1.each { name, f ->
  assert after2[name].text == f.text
  assert after2[name].lastModified() == f.lastModified() : "${name} was rewritten by an unchanged build"
}

// 3: shop/api.npl deleted: its output is gone, web.yaml remains, and the kustomization lists web.yaml alone.
assert builds[2].contains('[delete] Deleting: ') && builds[2].contains('api.npl')
assert builds[2].contains('netlingua kubernetes 1.35: 1 object(s) in ')
def after3 = files(new File(snapshots, 'after-3'))
assert after3.keySet() == [kustomization, web] as Set
assert after3[web].text == after1[web].text
assert after3[kustomization].text.contains('- shop/web.yaml')
assert !after3[kustomization].text.contains('api.yaml')

// 4: the output folder deleted: regenerated (new files), with the same content.
assert builds[3].contains('[delete] Deleting directory ')
assert builds[3].contains('netlingua kubernetes 1.35: 1 object(s) in ')
def after4 = files(new File(snapshots, 'after-4'))
assert after4.keySet() == after3.keySet()
after3.each { name, f ->
  assert after4[name].text == f.text
  assert after4[name].lastModified() > f.lastModified()
}

// 5: web.yaml edited by hand (a copy of the edit is in snapshots/edited.yaml): regenerated to its correct content.
def edited = new File(snapshots, 'edited.yaml')
assert edited.text.contains('port: 9999') && !edited.text.contains('port: 8080')
assert builds[4].contains('netlingua kubernetes 1.35: 1 object(s) in ')
def now = files(out)
assert now.keySet() == after4.keySet()
now.each { name, f -> assert f.text == after4[name].text }
assert now[web].text.contains('port: 8080')

// Only the first build of an unchanged project skips: every other build compiled.
[0, 2, 3, 4].each { assert !builds[it].contains('nothing changed') }
// No staging folder left behind.
assert out.list().sort() == ['kubernetes']
// antrun and what it needs came from the tests' local repository (the install goal's extraArtifacts): the builds
// that ran it resolved nothing from a remote repository, not even from the outer local one (settings.xml).
builds.drop(1).each { assert !it.contains('Downloading from ') }
return true

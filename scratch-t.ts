import { codeSentence } from "/work/wt/events/src/annotate/events/coder.js";
import { defaultTables } from "/work/wt/events/src/annotate/events/tables.js";
import { tagText } from "/work/wt/events/src/annotate/events/tag.js";
const t = defaultTables();
const sents = [
 "Russia ’s ambassador to Turkey was assassinated at an Ankara art exhibit on Monday evening by a lone Turkish gunman shouting \" God is great ! \"",
 "Despite the assassination of the Russian ambassador to Turkey at the hands of a 22-year-old Turkish police officer at an art gallery in the Turkish capital, Ankara, Moscow did not blame the Turks for the incident.",
 "In November 2015 the Kremlin was left reeling when an attack aircraft was shot down by the Turkish air force.",
 "Relations between Turkey and Russia reached a low point in Turkey 2015 after Turkey shot down a Russian jet near the Syrian border.",
 "In August, the leaders met in Saint Petersburg, Russia to improve relations between the two countries.",
 "The United States quickly condemned the assassination in Ankara.",
 "Local news reports said that Mr. Altintas ’s mother and sister had been arrested.",
 "Putin has also bolstered the al-Assad regime.",
 "Russia denied the plane had been over Turkey and called the act a planned provocation by supporters of terrorism.",
 "Turkish officials said the assailant was killed by other officers in a shootout.",
];
for (const s of sents) for (const toks of tagText(s)) {
  console.log(toks.map(x=>x.text+"/"+x.pos).join(" "));
  for (const e of codeSentence(toks, t)) console.log("  ", e.code, e.block, e.source.code, toks.slice(e.source.first, e.source.last+1).map(x=>x.text).join(" "), "->", e.target.code, toks.slice(e.target.first,e.target.last+1).map(x=>x.text).join(" "), e.passive, e.pattern??"");
}

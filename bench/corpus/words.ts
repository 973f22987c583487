/**
 * Word lists for the benchmark corpus. Invented places and publications, so that
 * no generated sentence can be mistaken for a real report.
 */

export const MALE_FIRST_NAMES = [
  'Ahmad', 'André', 'Benedict', 'Björn', 'Bruno', 'Daniel', 'Dmitri', 'Farid', 'Felix', 'Hassan',
  'Hiroshi', 'Jamal', 'Jonas', 'José', 'Lucas', 'Mateo', 'Nikolai', 'Omar', 'Oskar', 'Pablo',
  'Quentin', 'Raúl', 'Samuel', 'Søren', 'Theo', 'Tomasz', 'Victor', 'Walter', 'Xavier', 'Yusuf',
] as const;

export const FEMALE_FIRST_NAMES = [
  'Adele', 'Amara', 'Camille', 'Chloé', 'Clara', 'Elena', 'Esther', 'Grace', 'Greta', 'Hélène',
  'Ida', 'Ines', 'Karin', 'Katarzyna', 'Leila', 'Marta', 'Miriam', 'Nadia', 'Noémie', 'Olivia',
  'Priya', 'Rosa', 'Ruth', 'Shirin', 'Sofia', 'Ulla', 'Valentina', 'Wen', 'Yara', 'Zainab',
] as const;

export const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Baptiste', 'Bennett', 'Brennan', 'Caruso', 'Castillo', 'Chen', 'Delacroix',
  'Dubois', 'Eriksen', 'Esposito', 'Farahani', 'Ferreira', 'Fischer', 'Gallagher', 'Garcia', 'Haddad', 'Hartmann',
  'Horvath', 'Hosseini', 'Ibrahim', 'Jansen', 'Jovanovic', 'Kaplan', 'Karimi', 'Kim', 'Kowalski', 'Larsen',
  'Lévy', 'Lindqvist', 'Marchetti', 'Moradi', 'Moreau', 'Müller', 'Nakamura', 'Navarro', 'Nilsson', 'Novak',
  'O’Brien', 'Okafor', 'Olsen', 'Park', 'Pereira', 'Petrov', 'Quinlan', 'Rahimi', 'Reyes', 'Romano',
  'Rossi', 'Sadeghi', 'Sato', 'Schneider', 'Silva', 'Sorensen', 'Szabo', 'Tanaka', 'Thornton', 'Torres',
  'Ueda', 'Underwood', 'Varga', 'Vasquez', 'Vidal', 'Weber', 'Whitfield', 'Wójcik', 'Xu', 'Yamamoto',
  'Yilmaz', 'Zhang', 'Zimmer',
] as const;

export const PLACES = [
  'Amberley', 'Ashford', 'Blackmoor', 'Brightwater', 'Caldera Valley', 'Carrow', 'Dunmore', 'Eastbrook',
  'Esterhold', 'Fairhaven', 'Greystone', 'Havelock', 'Holloway', 'Kestrel Bay', 'Kingsbridge', 'Lakemont',
  'Linden', 'Marisol', 'Marston', 'Mirrow', 'Norwick', 'Oldmere', 'Pellham', 'Port Lowell', 'Queensport',
  'Redcliff', 'Riverton', 'Rosedale', 'Sable Point', 'San Aurelio', 'Stillwater', 'Tarrin', 'Thornbury',
  'Upton', 'Valmont', 'Velden', 'Westfield', 'Wexley', 'Yarrow',
] as const;

export const PUBLICATIONS = [
  'The Morning Ledger', 'The Harbor Gazette', 'Northern Review', 'The Evening Courier', 'The Weekly Almanac',
  'The Valley Times', 'Meridian Quarterly', 'The Public Record', 'The Lantern', 'Coastline Journal',
] as const;

export const SECTIONS = [
  'Opinion · Commentary', 'World', 'U.S.', 'Books', 'Culture', 'Science', 'Business', 'Arts · Review', 'Politics', 'Interview',
] as const;

export const ROLES = [
  'historian', 'novelist', 'poet', 'journalist', 'physician', 'architect', 'union organizer', 'composer',
  'diplomat', 'human rights lawyer', 'astronomer', 'teacher', 'engineer', 'photographer', 'economist',
  'former foreign minister', 'farmer', 'judge', 'filmmaker', 'mountain guide',
] as const;

export const NOUNS = [
  'council', 'harbor', 'province', 'ministry', 'river', 'village', 'school', 'market', 'border', 'treaty',
  'election', 'bridge', 'archive', 'library', 'newspaper', 'museum', 'factory', 'army', 'government',
  'parliament', 'court', 'hospital', 'farm', 'mine', 'railway', 'port', 'valley', 'mountain', 'campaign',
  'company', 'union', 'family', 'generation', 'movement', 'republic', 'region', 'city', 'neighborhood',
  'garden', 'field', 'festival', 'church', 'mosque', 'university', 'laboratory', 'office', 'ship', 'road',
  'question', 'promise', 'letter', 'speech', 'report', 'decision', 'budget', 'plan', 'war', 'crisis',
  'victory', 'defeat', 'story', 'debate', 'verdict', 'winter', 'summer', 'season', 'century', 'decade',
  'journey', 'mission', 'argument', 'reform', 'law', 'rule', 'duty', 'harvest', 'drought', 'flood', 'storm',
  'fire', 'wall', 'gate', 'square', 'monument', 'language', 'poem', 'novel', 'song', 'film', 'painting',
  'photograph', 'map', 'flag', 'commander', 'teacher', 'neighbor', 'soldier', 'doctor', 'judge', 'minister',
] as const;

export const ABSTRACT_NOUNS = [
  'freedom', 'justice', 'courage', 'patience', 'memory', 'hope', 'fear', 'history', 'power', 'truth',
  'dignity', 'silence', 'trust', 'loyalty', 'doubt', 'resistance', 'stability', 'progress', 'tradition',
  'ambition', 'compromise', 'grief', 'pride', 'peace',
] as const;

export const ADJECTIVES = [
  'old', 'new', 'quiet', 'northern', 'southern', 'eastern', 'western', 'small', 'large', 'remote', 'ancient',
  'modern', 'local', 'national', 'rural', 'coastal', 'long', 'bitter', 'brave', 'careful', 'early', 'late',
  'public', 'private', 'famous', 'forgotten', 'difficult', 'simple', 'narrow', 'broad', 'poor', 'rich',
  'young', 'dark', 'bright', 'familiar', 'strange', 'honest', 'stubborn', 'fragile', 'decisive', 'uncertain',
  'open', 'divided', 'crowded', 'empty', 'slow', 'rapid', 'unlikely', 'legendary',
] as const;

export const VERBS_TRANSITIVE_PAST = [
  'built', 'closed', 'opened', 'defended', 'rejected', 'accepted', 'visited', 'described', 'praised',
  'questioned', 'rebuilt', 'abandoned', 'crossed', 'protected', 'studied', 'announced', 'remembered', 'lost',
  'won', 'divided', 'reached', 'followed', 'ignored', 'welcomed', 'blocked', 'financed', 'reformed',
  'challenged', 'signed', 'published', 'recorded', 'restored', 'measured', 'counted', 'inherited', 'carried',
  'promised', 'delayed', 'criticized', 'admired',
] as const;

export const VERBS_INTRANSITIVE_PAST = [
  'waited', 'returned', 'hesitated', 'collapsed', 'survived', 'prospered', 'argued', 'resisted', 'recovered',
  'agreed', 'disappeared', 'changed', 'endured', 'spoke', 'traveled', 'listened', 'gathered', 'complained',
  'insisted', 'held out',
] as const;

export const VERBS_BASE = [
  'build', 'defend', 'accept', 'remember', 'forget', 'change', 'resist', 'explain', 'keep', 'protect', 'trust',
  'decide', 'repair', 'ignore', 'learn', 'rebuild', 'abandon', 'question', 'finance', 'open',
] as const;

export const MANNER_ADVERBS = [
  'quietly', 'slowly', 'openly', 'carefully', 'patiently', 'reluctantly', 'firmly', 'again', 'at last', 'for years',
] as const;

export const PLACE_PREPOSITIONS = ['in', 'near', 'across', 'beyond', 'outside', 'along', 'toward'] as const;

export const TIME_NOUNS = ['the war', 'the election', 'the winter', 'the harvest', 'the flood', 'the strike', 'the vote', 'the storm'] as const;

export const TIME_PREPOSITIONS = ['after', 'before', 'during', 'since'] as const;

export const CONNECTIVES = [
  'Still,', 'Yet', 'But', 'And', 'In the end,', 'For now,', 'Even so,', 'By then,', 'At first,', 'Later,',
  'Meanwhile,', 'Since then,', 'Of course,', 'In truth,',
] as const;

export const SPEECH_VERBS = ['said', 'says', 'told me', 'recalled', 'insisted', 'added', 'wrote'] as const;

export const TAGS: readonly { id: string; name: string; renamedFrom?: string[] }[] = [
  { id: 'resistance', name: 'Resistance' },
  { id: 'democracy', name: 'Democracy' },
  { id: 'courage', name: 'Courage' },
  { id: 'war', name: 'War' },
  { id: 'peace', name: 'Peace' },
  { id: 'memory', name: 'Memory' },
  { id: 'history', name: 'History' },
  { id: 'exile', name: 'Exile' },
  { id: 'freedom', name: 'Freedom' },
  { id: 'justice', name: 'Justice' },
  { id: 'education', name: 'Education' },
  { id: 'science', name: 'Science' },
  { id: 'art', name: 'Art' },
  { id: 'literature', name: 'Literature' },
  { id: 'poetry', name: 'Poetry' },
  { id: 'cities', name: 'Cities' },
  { id: 'nature', name: 'Nature' },
  { id: 'climate', name: 'Climate' },
  { id: 'economy', name: 'Economy' },
  { id: 'labor', name: 'Labor' },
  { id: 'family', name: 'Family' },
  { id: 'faith', name: 'Faith' },
  { id: 'law', name: 'Law' },
  { id: 'elections', name: 'Elections' },
  { id: 'media', name: 'Media' },
  { id: 'technology', name: 'Technology' },
  { id: 'health', name: 'Health' },
  { id: 'sport', name: 'Sport' },
  { id: 'music', name: 'Music' },
  { id: 'architecture', name: 'Architecture' },
  { id: 'migration', name: 'Migration' },
  { id: 'diplomacy', name: 'Diplomacy' },
  { id: 'human-rights', name: 'Human rights', renamedFrom: ['rights'] },
  { id: 'language', name: 'Language' },
  { id: 'childhood', name: 'Childhood' },
  { id: 'old-age', name: 'Old age' },
  { id: 'leadership', name: 'Leadership' },
  { id: 'friendship', name: 'Friendship' },
  { id: 'grief', name: 'Grief' },
  { id: 'hope', name: 'Hope' },
];

// ZWNJ (U+200C) joins the parts of many Persian words: "می‌خواهم", "کتاب‌ها".
const Z = '\u200c';

export const PERSIAN_WORDS = [
  'آزادی', 'مردم', 'کشور', 'امروز', 'فردا', 'دیروز', 'شهر', 'خانه', 'زندگی', 'جهان', 'تاریخ', 'فرهنگ', 'زبان',
  'شعر', 'امید', 'صلح', 'جنگ', 'دولت', 'مقاومت', 'حقیقت', 'عدالت', 'دانشگاه', 'دانشجویان', 'نویسنده', 'روزنامه',
  'این', 'آن', 'و', 'در', 'به', 'از', 'با', 'که', 'را', 'برای', 'همه', 'هیچ', 'بسیار', 'بزرگ', 'کوچک', 'نو',
  'قدیمی', 'زیبا', 'سخت', 'آسان', 'دل', 'جان', 'راه', 'آینده', 'گذشته', 'سرزمین', 'کودکان', 'زنان', 'مادر', 'پدر',
  'دوست', 'نور', 'تاریکی', 'باران', 'دریا', 'آسمان', 'کتاب', 'قلم', 'صدا', 'سکوت', 'شب', 'روز', 'بهار', 'پاییز',
  'زمستان', 'تابستان', 'کوه', 'رود', 'باغ', 'درخت', 'گل', 'نان', 'کار', 'کارگران', 'معلم', 'مدرسه', 'پرسش', 'پاسخ',
  'داستان', 'خاطره', 'سفر', 'مرز', 'وطن', 'غربت', 'آرزو', 'باور', 'شجاعت', 'ترس', 'رنج', 'شادی', 'اندیشه', 'دانش',
  'هنر', 'موسیقی', 'تهران', 'شیراز', 'اصفهان', 'تبریز',
  `کتاب${Z}ها`, `سال${Z}ها`, `آن${Z}ها`, `بی${Z}گمان`, `هم${Z}اکنون`, `پیش${Z}تر`, `ستاره${Z}ها`, `کوه${Z}ها`,
  `خانه${Z}ها`, `بی${Z}پایان`, `روزنامه${Z}نگار`, `درخت${Z}ها`, `گفت${Z}وگو`, `هم${Z}میهنان`, `دست${Z}کم`,
] as const;

export const PERSIAN_VERBS = [
  'است', 'بود', 'هستند', 'نیست', `می${Z}خواهم`, `می${Z}گوید`, `نمی${Z}دانم`, `می${Z}شود`, `می${Z}کنند`,
  `کرده${Z}اند`, `نوشته${Z}اند`, `می${Z}رود`, `می${Z}آید`, `نمی${Z}خواهد`, `می${Z}توانیم`, `می${Z}نویسد`,
  `می${Z}ماند`, `می${Z}دانستیم`, `نمی${Z}ترسیم`,
] as const;

/** Latin-letter words for the ids of Persian articles. */
export const PERSIAN_ID_WORDS = ['azadi', 'omid', 'shahr', 'zendegi', 'farhang', 'tarikh', 'sher', 'solh', 'baran', 'asman', 'ketab', 'vatan'] as const;

export const PERSIAN_SECTIONS = ['Opinion · Commentary', 'World', 'Books'] as const;

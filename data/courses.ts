// The demo catalogue of courses and credentials that "close the gap" on /jobs/[id].
// Providers are fictional local colleges and training centres (links on the
// reserved example.org domain), except industry credentials, which link to the
// awarding body. Skill names use the skills library's preferred labels.
//
// One line per offering:  id | title | provider | kind | length | cost | skills (";") | url (optional)
import type { CatalogueCourse } from "@/lib/jobs/catalogue";

const TABLE = `
web-foundations | Web Foundations: HTML, CSS and Accessibility | Riverton Community College | course | 10 weeks | $420 | HTML; CSS; Web accessibility; Git
javascript-essentials | JavaScript Essentials | Riverton Community College | course | 8 weeks | $380 | JavaScript; TypeScript; Git
react-apps | Building Apps with React | CodeBridge Bootcamp | course | 6 weeks | $900 | React; Next.js; JavaScript; Automated testing
node-apis | APIs with Node.js and PostgreSQL | CodeBridge Bootcamp | course | 6 weeks | $900 | Node.js; REST APIs; PostgreSQL; SQL
testing-practice | Software Testing in Practice | Open Skills Online | course | 5 weeks | Free | Software quality assurance; Test case design; Bug tracking; Automated testing
sql-for-analysis | SQL for Data Analysis | Open Skills Online | course | 4 weeks | Free | SQL; PostgreSQL; Data cleaning
excel-for-work | Microsoft Excel for the Workplace | Workforce Skills Center | course | 3 weeks | $60 | Microsoft Excel; Data entry; Data visualization
excel-advanced | Advanced Excel: Pivot Tables and Dashboards | Workforce Skills Center | course | 4 weeks | $95 | Microsoft Excel; Data visualization; Data analysis
data-analytics-cert | Data Analytics Certificate | State Technical College | credential | 6 months | $2,400 | SQL; Microsoft Excel; Tableau; Statistics; Data visualization; Data cleaning; Python
python-data | Python for Data Work | Open Skills Online | course | 8 weeks | Free | Python; pandas; Data cleaning
intro-stats | Introductory Statistics | Civic University Extension | course | 12 weeks | $650 | Statistics; Data analysis
machine-learning-basics | Machine Learning Foundations | Civic University Extension | course | 10 weeks | $780 | Machine learning; scikit-learn; Python; Statistics
power-bi | Dashboards with Power BI | Workforce Skills Center | course | 2 weeks | $120 | Power BI; Data visualization
tableau-basics | Tableau Fundamentals | Open Skills Online | course | 3 weeks | Free | Tableau; Data visualization
dba-course | PostgreSQL Administration | State Technical College | course | 8 weeks | $640 | Database administration; PostgreSQL; Backup and recovery; Performance tuning
linux-admin | Linux System Administration | State Technical College | course | 10 weeks | $700 | Linux; Scripting; Backup and recovery
cloud-practitioner | Cloud Computing Fundamentals | Open Skills Online | course | 4 weeks | Free | Cloud computing; Amazon Web Services; Docker; Virtualization
comptia-a-plus | CompTIA A+ | CompTIA | credential | 3–6 months | $500 exam | Technical support; Troubleshooting; Hardware installation; Windows; Networking | https://www.comptia.org
comptia-network-plus | CompTIA Network+ | CompTIA | credential | 3–6 months | $370 exam | Networking; TCP/IP; Network security; Troubleshooting | https://www.comptia.org
comptia-security-plus | CompTIA Security+ | CompTIA | credential | 3–6 months | $400 exam | Network security; Risk assessment; Incident response; Vulnerability management | https://www.comptia.org
help-desk-bootcamp | Help Desk Bootcamp | Metro Tech Academy | course | 6 weeks | $450 | Technical support; Ticketing systems; Customer service; Microsoft 365; Active Directory
windows-server | Windows Server and Active Directory | Metro Tech Academy | course | 8 weeks | $650 | Windows Server; Active Directory; Microsoft 365
security-operations | Security Operations and Monitoring | State Technical College | course | 10 weeks | $880 | Security monitoring; Incident response; Firewalls; Linux
cisco-networking | Routing and Switching with Cisco IOS | Metro Tech Academy | course | 10 weeks | $900 | Cisco IOS; Networking; Firewalls
macos-support | Supporting macOS in the Workplace | Open Skills Online | course | 2 weeks | Free | macOS; Technical support
bls-cpr | Basic Life Support (CPR and AED) | American Heart Association | credential | 1 day | $85 | Cardiopulmonary resuscitation; First aid | https://cpr.heart.org
first-aid | First Aid at Work | Red Cross Training Partner | credential | 1 day | $70 | First aid; Cardiopulmonary resuscitation
cna-program | Certified Nursing Assistant Program | Valley Health Careers Institute | credential | 8 weeks | $1,200 | Patient care; Vital signs; Personal care; Infection control; Nursing documentation
medical-assistant-cert | Medical Assistant Certificate | Valley Health Careers Institute | credential | 9 months | $3,800 | Vital signs; Phlebotomy; Electronic health records; Medical terminology; Scheduling; Patient care
phlebotomy | Phlebotomy Technician Training | Valley Health Careers Institute | credential | 10 weeks | $1,100 | Phlebotomy; Infection control; Patient care
medical-terminology | Medical Terminology | Open Skills Online | course | 6 weeks | Free | Medical terminology
ehr-basics | Electronic Health Records Essentials | Lakeside Health Academy | course | 4 weeks | $150 | Electronic health records; Nursing documentation; Patient confidentiality
medical-coding | Medical Billing and Coding Certificate | State Technical College | credential | 6 months | $2,100 | Medical coding; Insurance billing; Medical terminology; Electronic health records
pharmacy-tech | Pharmacy Technician Certificate | State Technical College | credential | 6 months | $1,900 | Prescription processing; Medication safety; Pharmacy software; Medical terminology; Insurance billing
dementia-care | Dementia Care Essentials | Meadowbrook Care Academy | course | 2 days | $90 | Dementia care; Empathy; Communication
infection-control | Infection Prevention and Control | Lakeside Health Academy | course | 1 week | $40 | Infection control; Workplace safety
wound-care | Wound Care for Nurses | Lakeside Health Academy | course | 3 weeks | $220 | Wound care; Patient assessment
medication-administration | Safe Medication Administration | Lakeside Health Academy | course | 2 weeks | $180 | Medication administration; Medication safety
home-care-aide | Home Care Aide Training | CareFirst Training Center | credential | 75 hours | $450 | Personal care; Meal preparation; Patient care; First aid
electrical-pre-apprentice | Electrical Pre-Apprenticeship | Summit Trades Institute | course | 16 weeks | $1,500 | Electrical wiring; National Electrical Code; Conduit bending; Blueprint reading; Power tools
nec-update | National Electrical Code Update | Summit Trades Institute | course | 3 days | $250 | National Electrical Code
motor-controls | Motor Controls and PLCs | Summit Trades Institute | course | 8 weeks | $900 | Motor controls; Programmable logic controllers; Troubleshooting
osha-10 | OSHA 10-Hour General Industry | OSHA Outreach Training | credential | 10 hours | $90 | Workplace safety | https://www.osha.gov
osha-30 | OSHA 30-Hour Construction | OSHA Outreach Training | credential | 30 hours | $190 | Workplace safety; Power tools | https://www.osha.gov
welding-cert | Welding Certificate (MIG, TIG and Stick) | Ironworks Training Center | credential | 6 months | $3,200 | MIG welding; TIG welding; Stick welding; Metal fabrication; Blueprint reading; Welding
cnc-operator | CNC Operator Certificate | Keystone Technical Institute | credential | 12 weeks | $2,600 | CNC machining; G-code; Precision measurement; Blueprint reading
cad-basics | CAD for Manufacturing | Keystone Technical Institute | course | 6 weeks | $480 | CAD; Blueprint reading
lean-six-sigma-yellow | Lean Six Sigma Yellow Belt | Workforce Skills Center | credential | 2 weeks | $250 | Lean manufacturing; Quality control; Process mapping; Problem solving
quality-inspection | Quality Inspection and Measurement | Keystone Technical Institute | course | 4 weeks | $300 | Quality control; Precision measurement; Measurement; Attention to detail
hvac-cert | HVAC Technician Certificate | Summit Trades Institute | credential | 9 months | $4,500 | HVAC systems; Refrigeration; Electrical wiring; Troubleshooting
epa-608 | EPA Section 608 Technician Certification | ESCO Institute | credential | 2 weeks | $150 | EPA 608 certification; Refrigeration | https://www.epa.gov
industrial-maintenance | Industrial Maintenance Mechanic | Keystone Technical Institute | credential | 9 months | $3,900 | Preventive maintenance; Hydraulics; Pneumatics; Electrical wiring; Troubleshooting; Programmable logic controllers
carpentry-basics | Carpentry Fundamentals | Greenfield Trades School | course | 12 weeks | $1,100 | Carpentry; Framing; Finish carpentry; Measurement; Power tools
manufacturing-assembly | Manufacturing Assembly Skills | Workforce Skills Center | course | 3 weeks | $120 | Assembly; Quality control; Teamwork; Workplace safety
forklift | Forklift Operator Certification | Midstate Safety Training | credential | 1 day | $150 | Forklift operation; Workplace safety
warehouse-essentials | Warehouse Operations Essentials | Workforce Skills Center | course | 2 weeks | $80 | Order picking; Shipping and receiving; Inventory management; Warehouse management systems
cdl-a | Commercial Driver's License (Class A) Training | Crossroads Driving Academy | credential | 4 weeks | $4,000 | Commercial driving; Vehicle inspection; Route planning; Electronic logging devices
hazmat | Hazardous Materials Endorsement | Crossroads Driving Academy | credential | 1 week | $300 | Hazardous materials endorsement
supply-chain | Supply Chain Management Certificate | Civic University Extension | credential | 6 months | $2,200 | Supply chain management; Inventory management; Negotiation; Microsoft Excel
inventory-control | Inventory Control and Cycle Counting | Open Skills Online | course | 2 weeks | Free | Inventory management; Cycle counting; Data entry
dispatch-basics | Dispatching and Route Planning | Northstar Logistics Academy | course | 3 weeks | $200 | Dispatching; Route planning; GPS tracking; Multitasking
ta-level-3 | Teaching Assistant Certificate | Oakridge Adult Education | credential | 6 months | $900 | Classroom support; Child development; Special education; Communication
teaching-credential | Teaching Credential Program | Civic University School of Education | credential | 1 year | $8,500 | Lesson planning; Classroom management; Curriculum development; Student assessment; Differentiated instruction
edtech | Educational Technology in the Classroom | Open Skills Online | course | 4 weeks | Free | Educational technology; Online learning; Learning management systems
id-foundations | Instructional Design Foundations | Civic University Extension | course | 8 weeks | $690 | Instructional design; ADDIE model; Adult learning theory; Needs analysis; Learning objectives
id-certificate | Instructional Design Certificate | State Technical College | credential | 9 months | $3,400 | Instructional design; Online learning; Curriculum development; Assessment design; Learning evaluation; Storyboarding; E-learning development
online-teaching | Teaching Online: Design and Facilitation | Open Pathways Learning | course | 6 weeks | $250 | Online learning; Learning management systems; Universal Design for Learning; Assessment design
storyline | Articulate Storyline in Practice | Learnwell Studios | course | 4 weeks | $350 | Articulate Storyline; E-learning development; Storyboarding; SCORM
captivate | Adobe Captivate Essentials | Learnwell Studios | course | 3 weeks | $300 | Adobe Captivate; E-learning development; SCORM
udl | Universal Design for Learning | Open Skills Online | course | 3 weeks | Free | Universal Design for Learning; Web accessibility; Differentiated instruction
accessibility-cpacc | Digital Accessibility Fundamentals | Open Skills Online | course | 4 weeks | Free | Web accessibility; Universal Design for Learning
learning-analytics | Learning Analytics | Civic University Extension | course | 6 weeks | $540 | Learning analytics; Learning evaluation; Data visualization
lx-design | Learning Experience Design | Open Pathways Learning | course | 8 weeks | $600 | Learning experience design; User research; Prototyping; Instructional design
microlearning | Microlearning and Video for Training | Learnwell Studios | course | 2 weeks | $150 | Microlearning; Video editing; Multimedia production
train-the-trainer | Train the Trainer | Workforce Skills Center | credential | 3 days | $400 | Training delivery; Public speaking; Workshop facilitation; Adult learning theory
lms-admin | LMS Administration (Moodle and Canvas) | Open Skills Online | course | 3 weeks | Free | Learning management systems; SCORM; Student records
academic-advising | Academic Advising Certificate | Civic University Extension | credential | 4 months | $1,100 | Academic advising; Career guidance; Student records; Active listening
bookkeeping-cert | Bookkeeping Certificate | State Technical College | credential | 4 months | $1,300 | Bookkeeping; Accounts payable; Accounts receivable; Bank reconciliation; Payroll
quickbooks | QuickBooks Online for Small Business | Workforce Skills Center | course | 2 weeks | $110 | QuickBooks; Bookkeeping
accounting-principles | Principles of Accounting | Civic University Extension | course | 12 weeks | $720 | Accounting; Generally accepted accounting principles; Financial reporting
tax-prep | Tax Preparation Basics | Open Skills Online | course | 6 weeks | Free | Tax preparation
auditing-intro | Introduction to Auditing | Civic University Extension | course | 8 weeks | $640 | Auditing; Financial reporting
capm | Certified Associate in Project Management (CAPM) | Project Management Institute | credential | 3 months | $300 exam | Project management; Scheduling; Stakeholder management; Budgeting | https://www.pmi.org
agile-scrum | Agile and Scrum Essentials | Open Skills Online | course | 2 weeks | Free | Agile methodology; Project management
hr-essentials | Human Resources Essentials | Workforce Skills Center | course | 6 weeks | $350 | Human resources; Recruiting; Employee onboarding; Confidentiality; Record keeping
office-admin | Office Administration Certificate | Riverton Community College | credential | 4 months | $900 | Office administration; Microsoft Office; Scheduling; Data entry; Organization
ms-office | Microsoft Office Specialist Prep | Workforce Skills Center | course | 4 weeks | $150 | Microsoft Office; Microsoft Excel; Microsoft 365
business-analysis | Business Analysis Fundamentals | Civic University Extension | course | 8 weeks | $680 | Business analysis; Requirements gathering; Process mapping; Stakeholder management
customer-service-cert | Customer Service Excellence | Workforce Skills Center | credential | 2 weeks | $75 | Customer service; Active listening; Conflict resolution; Communication; Problem solving
retail-sales | Retail Sales Fundamentals | Sunrise Retail Academy | course | 1 week | Free | Sales; Merchandising; Point of sale systems; Cash handling; Product knowledge
crm-salesforce | CRM with Salesforce | Open Skills Online | course | 4 weeks | Free | Salesforce; Customer relationship management
professional-selling | Professional Selling Skills | Beacon Business School | course | 6 weeks | $420 | Sales; Prospecting; Negotiation; Presentation skills; Account management
supervisor-essentials | Supervisor Essentials | Workforce Skills Center | credential | 6 weeks | $480 | Team leadership; Coaching; Performance management; Conflict resolution; Scheduling
graphic-design-cert | Graphic Design Certificate | Riverton Community College | credential | 9 months | $2,800 | Graphic design; Adobe Photoshop; Adobe Illustrator; Adobe InDesign; Typography; Layout design; Branding
video-production | Video Production and Editing | Riverside Media Lab | course | 10 weeks | $850 | Video editing; Adobe Premiere Pro; Color correction; Audio editing; Storytelling
motion-graphics | Motion Graphics with After Effects | Riverside Media Lab | course | 6 weeks | $600 | Motion graphics; Adobe After Effects
social-media-marketing | Social Media Marketing | Open Skills Online | course | 4 weeks | Free | Social media marketing; Content creation; Social media analytics; Content strategy
copywriting-seo | Copywriting and SEO | Bold Type Academy | course | 6 weeks | $390 | Copywriting; Search engine optimization; Editing; Proofreading; Content strategy
ux-certificate | UX Design Certificate | Civic University Extension | credential | 6 months | $2,900 | User experience design; User research; Wireframing; Prototyping; Figma; Usability testing
technical-writing | Technical Writing | Open Skills Online | course | 5 weeks | Free | Technical writing; Editing; Technical documentation
servsafe-handler | ServSafe Food Handler | ServSafe | credential | 1 day | $15 | Food safety | https://www.servsafe.com
servsafe-manager | ServSafe Manager | ServSafe | credential | 2 days | $180 | Food safety; Kitchen management; Food and beverage cost control | https://www.servsafe.com
culinary-basics | Culinary Arts Basics | Harvest Table Kitchen School | course | 8 weeks | $700 | Food preparation; Knife skills; Menu planning; Food safety
responsible-alcohol | Responsible Alcohol Service | ServSafe | credential | 4 hours | $30 | Responsible alcohol service | https://www.servsafe.com
hotel-operations | Hotel Front Office Operations | Lakeview Hospitality Institute | course | 4 weeks | $260 | Guest services; Reservation systems; Customer service; Cash handling
event-planning | Event Planning Certificate | Civic University Extension | credential | 4 months | $1,400 | Event planning; Vendor management; Budgeting; Negotiation
case-management | Case Management Fundamentals | County Human Services Training | course | 6 weeks | $200 | Case management; Needs assessment; Records management; Community resources
crisis-intervention | Crisis Intervention Training | County Human Services Training | credential | 3 days | $150 | Crisis intervention; Active listening; Empathy
career-development-facilitator | Career Development Facilitator | Regional Workforce Board | credential | 4 months | $950 | Career guidance; Labor market information; Resume writing; Coaching; Workshop facilitation
cultural-competence | Cultural Competence in Public Service | Open Skills Online | course | 2 weeks | Free | Cultural competence; Community outreach; Multilingual communication
digital-literacy | Digital Literacy Essentials | Public Library District | course | 4 weeks | Free | Digital literacy; Microsoft Office; Data entry
library-services | Library Services Certificate | State Technical College | credential | 6 months | $1,000 | Cataloging; Customer service; Digital literacy; Event planning
public-speaking | Public Speaking and Presentations | Workforce Skills Center | course | 3 weeks | $90 | Public speaking; Presentation skills; Communication
teamwork-essentials | Teamwork and Collaboration | Open Skills Online | course | 1 week | Free | Teamwork; Communication; Problem solving; Time management
`;

export function courseCatalogue(): CatalogueCourse[] {
  return TABLE.trim()
    .split("\n")
    .map((line) => {
      const [id, title, provider, kind, length, cost, skills, url] = line.split("|").map((c) => c.trim());
      if (kind !== "course" && kind !== "credential") throw new Error(`courses.ts: bad kind on ${id}`);
      return {
        id,
        title,
        provider,
        kind,
        length,
        cost,
        url: url || `https://learn.example.org/${id}`,
        description: `${title} from ${provider}. Covers ${skills
          .split(";")
          .map((s) => s.trim())
          .join(", ")}.`,
        skills: skills
          .split(";")
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
}
